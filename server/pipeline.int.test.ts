// The whole path with real adapters: simulated robots → MQTT broker → gateway → bus → history writer and ingest →
// database, and → state store → Socket.IO fan-out → a viewer. Postgres + Mosquitto when DATABASE_URL / MQTT_URL are set.
import { connectAs } from './testing/sign-in';
import http from 'node:http';
import { Server } from 'socket.io';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from './app';
import { HISTORY_SOURCE } from './domain/history/history-sample';
import {
  POSE_STRIDE,
  type ClientToServerEvents,
  type FleetFrame,
  type FleetSnapshot,
  type ServerToClientEvents,
} from './domain/live-protocol';
import { rawSamplesByRobot } from './testing/history-samples';
import { testConfig, testLogger, waitFor } from './testing/test-env';

const ROBOTS = 8;
const HZ = 10;
let app: App;
let cleanup: () => Promise<void>;
let server: http.Server;
let viewer: Socket<ServerToClientEvents, ClientToServerEvents>;
const snapshots: FleetSnapshot[] = [];
const frames: FleetFrame[] = [];

beforeAll(async () => {
  const t = await testConfig({ SIM_ROBOTS: String(ROBOTS), SIM_HZ: String(HZ), SIM_SEED: '7' });
  cleanup = t.cleanup;
  server = http.createServer();
  const io = new Server<ClientToServerEvents, ServerToClientEvents>(server, { transports: ['websocket'] });
  app = await createApp(t.config, { logger: testLogger, io });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  viewer = await connectAs(app, `http://127.0.0.1:${port}`);
  viewer.on('fleet:snapshot', (s) => void snapshots.push(s));
  viewer.on('fleet:frame', (f) => void frames.push(f));
});

afterAll(async () => {
  viewer?.close();
  await app?.stop();
  await new Promise((r) => server?.close(r));
  await cleanup?.();
});

describe('live pipeline', () => {
  it('every visualization sample a robot sends is stored, none missing, none twice', async () => {
    await app.sim!.ready;
    await new Promise((r) => setTimeout(r, 3000));
    await app.sim!.stop({ clean: true });
    const sent = app.sim!.published();
    expect(sent.visualization).toBeGreaterThanOrEqual(ROBOTS * HZ * 2); // ran for real, at rate
    // Wait until the gateway has accepted everything that was sent, then close and write the open slices.
    await waitFor('all visualization samples accepted', () => app.gateway.health().accepted >= sent.total, 10_000);
    await app.history.writer.flush();
    const stored = new Map<number, number>();
    for (const [robotId, samples] of await rawSamplesByRobot(app.history.store)) {
      const vis = samples.filter((x) => x.source === HISTORY_SOURCE.visualization);
      // None twice: each message's headerId once.
      expect({ robotId, duplicates: vis.length - new Set(vis.map((x) => x.headerId)).size }).toEqual({ robotId, duplicates: 0 });
      stored.set(robotId, vis.length);
    }
    const ids = new Map(app.runtime.fleet.list().map((r) => [r.serialNumber, r.id]));
    for (const [serial, n] of Object.entries(sent.bySerial)) {
      expect({ serial, stored: stored.get(ids.get(serial)!) ?? 0 }).toEqual({ serial, stored: n });
    }
    expect([...stored.values()].reduce((a, b) => a + b, 0)).toBe(sent.visualization);
    // Packed, not a row per message: a few slices per robot hold all of its samples.
    expect(app.history.writer.stats().slicesWritten).toBeLessThan(sent.visualization / 5);
  });

  it('a viewer gets a snapshot, then batched frames far fewer than robot messages', () => {
    expect(snapshots.length).toBeGreaterThanOrEqual(1);
    expect(frames.length).toBeGreaterThan(10);
    // One frame per tick carrying many robots, not one emit per robot message.
    const messages = app.sim!.published().total;
    const posesInFrames = frames.reduce((n, f) => n + f.poses.length / POSE_STRIDE, 0);
    expect(frames.length).toBeLessThan(messages / 2);
    expect(posesInFrames / frames.length).toBeGreaterThan(2);
    // seq is contiguous after the snapshot: no frame lost in between.
    const first = snapshots[0]!.seq;
    frames.forEach((f, i) => expect(f.seq).toBe(first + i + 1));
    const moved = new Set<number>();
    for (const f of frames) for (let i = 0; i < f.poses.length; i += POSE_STRIDE) moved.add(f.poses[i]!);
    expect(moved.size).toBe(ROBOTS);
  });

  it('robots that stopped cleanly are OFFLINE in the fleet view and their events are stored', async () => {
    await waitFor('all offline', () => app.runtime.fleet.list().every((r) => r.connection === 'OFFLINE'), 10_000);
    expect(app.runtime.fleet.list()).toHaveLength(ROBOTS);
    await app.ingest.flush();
    const rows = await app.db.rows<{ n: number }>(
      (await import('drizzle-orm')).sql`select count(*)::int as n from robot_events where kind = 'connection'`,
    );
    expect(Number(rows[0]?.n)).toBeGreaterThanOrEqual(ROBOTS * 2); // online, then offline
  });
});
