// The live topology of a running app (real broker, database and Socket.IO viewer): the expected nodes and
// edges, with rates that agree with what the simulated robots actually sent. Postgres + Mosquitto when set.
import http from 'node:http';
import { Server } from 'socket.io';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaller } from './api/root';
import { connectAs, contextAs } from './testing/sign-in';
import { createApp, type App } from './app';
import type { FlowGraph } from './domain/flow/topology';
import { SLICE_TIER } from './domain/history/slice';
import type { ClientToServerEvents, ServerToClientEvents } from './domain/live-protocol';
import { testConfig, testLogger, waitFor } from './testing/test-env';

const ROBOTS = 4;
const HZ = 10;
let app: App;
let cleanup: () => Promise<void>;
let server: http.Server;
let viewer: Socket<ServerToClientEvents, ClientToServerEvents>;
const pushed: FlowGraph[] = [];

beforeAll(async () => {
  const t = await testConfig({ SIM_ROBOTS: String(ROBOTS), SIM_HZ: String(HZ), SIM_SEED: '5' });
  cleanup = t.cleanup;
  server = http.createServer();
  const io = new Server<ClientToServerEvents, ServerToClientEvents>(server, { transports: ['websocket'] });
  app = await createApp(t.config, { logger: testLogger, io });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  viewer = await connectAs(app, `http://127.0.0.1:${(server.address() as { port: number }).port}`);
  viewer.on('flow:graph', (g) => void pushed.push(g));
  viewer.on('connect', () => viewer.emit('flow:subscribe'));
});

afterAll(async () => {
  viewer?.close();
  await app?.stop();
  await new Promise((r) => server?.close(r));
  await cleanup?.();
});

const edge = (g: FlowGraph, source: string, target: string) => {
  const e = g.edges.find((x) => x.source === source && x.target === target);
  if (!e) throw new Error(`no edge ${source} → ${target} in ${g.edges.map((x) => x.id).join(', ')}`);
  return e;
};

describe('live topology', () => {
  it('has the nodes and edges of the data path, with rates that agree with the messages sent', async () => {
    await app.sim!.ready;
    await new Promise((r) => setTimeout(r, 6000));
    const caller = createCaller(await contextAs(app, 'architect'));
    const g = await caller.flow.graph();
    const sent = app.sim!.published();

    const ids = g.nodes.map((n) => n.id);
    for (const id of [
      'robots:SimRobotics',
      'topic:visualization',
      'topic:state',
      'topic:connection',
      'gateway:vda5050-mqtt',
      'subject:robot.visualization',
      'subject:robot.state',
      'worker:ingest',
      'worker:fleet-state',
      'worker:history',
      'table:telemetry_slices',
      'table:robot_events',
      'fanout:socketio',
      'viewers:browsers',
      'worker:flow-tracer',
      'table:trace_hops',
    ]) {
      expect(ids).toContain(id);
    }
    // Robots → topic: every message counted, rate ≈ robots × Hz (the window holds the whole run so far).
    const vis = edge(g, 'robots:SimRobotics', 'topic:visualization');
    expect(vis.totals.messages).toBeGreaterThanOrEqual(sent.visualization - ROBOTS * 2); // a few may be in flight
    expect(vis.totals.messages).toBeLessThanOrEqual(sent.visualization);
    expect(vis.msgsPerSec).toBeGreaterThan(ROBOTS * HZ * 0.7);
    expect(vis.msgsPerSec).toBeLessThan(ROBOTS * HZ * 1.3);
    expect(vis.p50Ms).not.toBeNull();
    expect(vis.bytesPerSec).toBeGreaterThan(vis.msgsPerSec * 100);
    // Through the gateway and the bus to every consumer, the same count.
    expect(edge(g, 'topic:visualization', 'gateway:vda5050-mqtt').totals.messages).toBe(vis.totals.messages);
    expect(edge(g, 'gateway:vda5050-mqtt', 'subject:robot.visualization').totals.messages).toBe(vis.totals.messages);
    expect(edge(g, 'subject:robot.visualization', 'worker:ingest').totals.messages).toBe(vis.totals.messages);
    expect(edge(g, 'subject:robot.visualization', 'worker:fleet-state').totals.messages).toBe(vis.totals.messages);
    expect(edge(g, 'subject:robot.visualization', 'worker:history').totals.messages).toBe(vis.totals.messages);
    // Samples reach the table packed in slices, written in batches as they close: once the writer has closed and
    // written every open slice, the edge has counted exactly the samples the table holds (one per robot message).
    await app.history.writer.flush();
    const g2 = await caller.flow.graph();
    const rows = edge(g2, 'worker:history', 'table:telemetry_slices');
    const held = await app.history.store.countSamples({ tier: SLICE_TIER.raw });
    expect(held).toBeGreaterThanOrEqual(vis.totals.messages);
    expect(rows.totals.messages).toBe(held);
    expect(rows.backlog).not.toBeNull();
    // The fan-out sends frames to the one viewer.
    const frames = edge(g2, 'fanout:socketio', 'viewers:browsers');
    expect(frames.msgsPerSec).toBeGreaterThan(5);
    expect(frames.bytesPerSec).toBeGreaterThan(0);
    expect(g2.edges.every((e) => e.health !== 'unhealthy')).toBe(true);
    const fanout = g2.nodes.find((n) => n.id === 'fanout:socketio')!;
    expect(fanout.details.viewers).toBe(1);
    const robots = g2.nodes.find((n) => n.id === 'robots:SimRobotics')!;
    expect(robots.details.robots).toBe(ROBOTS);
  });

  it('table nodes show row counts, size, write rate and retention', async () => {
    const caller = createCaller(await contextAs(app, 'architect'));
    const slices = await waitFor(
      'table statistics',
      async () => {
        const n = (await caller.flow.graph()).nodes.find((x) => x.id === 'table:telemetry_slices');
        return n && Number(n.details.rows) > 0 ? n : null;
      },
      15_000,
      500,
    );
    expect(Number(slices.details.sizeBytes)).toBeGreaterThan(0);
    expect(slices.details.retention).toBe('24 h every sample, 30 d one per second');
    expect(slices.details.writeSamplesPerSec).not.toBeUndefined();
    expect(slices.details.writeBytesPerSec).not.toBeUndefined();
    const writer = (await caller.flow.graph()).nodes.find((x) => x.id === 'worker:history')!;
    expect(Number(writer.details.samples)).toBeGreaterThan(0);
    expect(Number(writer.details.slicesWritten)).toBeGreaterThan(0);
  });

  it('pushes the graph live to subscribed sockets', async () => {
    await waitFor('two graph pushes', () => pushed.length >= 2, 5000);
    expect(pushed.at(-1)!.edges.length).toBeGreaterThan(5);
  });

  it('traces.search and traces.byId answer over tRPC; bad input is refused', async () => {
    const caller = createCaller(await contextAs(app, 'architect'));
    await expect(caller.traces.byId({ traceId: 'xyz' })).rejects.toThrow(/32 hex/);
    await expect(caller.traces.byId({ traceId: 'a'.repeat(32) })).rejects.toThrow(/not sampled/);
    const found = await caller.traces.search({ limit: 5 });
    for (const s of found) expect((await caller.traces.byId({ traceId: s.traceId })).hops.length).toBeGreaterThan(0);
  });
});
