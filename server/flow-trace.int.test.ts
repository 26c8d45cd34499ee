// Data-flow traces on the real path: simulated robots → MQTT broker → gateway → bus → state store / ingest →
// database, → fan-out → a Socket.IO viewer that reports its receive/render hops. Every telemetry message is
// sampled here (TRACE_SAMPLE_RATE=1) so the test does not wait for luck; Postgres + Mosquitto when set.
import http from 'node:http';
import mqtt from 'mqtt';
import { Server } from 'socket.io';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hopsOfTrace } from '../db/queries/trace-hops';
import { createApp, type App } from './app';
import type { Hop } from './domain/flow/hop';
import type { ClientToServerEvents, FleetFrame, ServerToClientEvents } from './domain/live-protocol';
import { robotLogin } from './testing/mqtt-credentials';
import { connectAs } from './testing/sign-in';
import { testConfig, testLogger, waitFor } from './testing/test-env';

let app: App;
let cleanup: () => Promise<void>;
let server: http.Server;
let viewer: Socket<ServerToClientEvents, ClientToServerEvents>;
const reported = new Set<string>();
let iface = '';

beforeAll(async () => {
  const t = await testConfig({ SIM_ROBOTS: '2', SIM_HZ: '5', SIM_SEED: '3', TRACE_SAMPLE_RATE: '1' });
  cleanup = t.cleanup;
  iface = t.config.VDA_INTERFACE;
  server = http.createServer();
  const io = new Server<ClientToServerEvents, ServerToClientEvents>(server, { transports: ['websocket'] });
  app = await createApp(t.config, { logger: testLogger, io });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  viewer = await connectAs(app, `http://127.0.0.1:${(server.address() as { port: number }).port}`);
  // Behaves like the browser: reports when it received a traced pose and when it "drew" it.
  viewer.on('fleet:frame', (f: FleetFrame) => {
    if (!f.traced?.length) return;
    const receivedAt = performance.timeOrigin + performance.now();
    setTimeout(() => {
      const renderedAt = performance.timeOrigin + performance.now();
      viewer.emit(
        'flow:hops',
        f.traced!.slice(0, 32).map((p) => ({ ...p, receivedAt, renderedAt })),
      );
      for (const p of f.traced!) reported.add(p.traceId);
    }, 5);
  });
});

afterAll(async () => {
  viewer?.close();
  await app?.stop();
  await new Promise((r) => server?.close(r));
  await cleanup?.();
});

const ops = (hops: Hop[]) => hops.map((h) => h.operation);
const at = (hops: Hop[], op: string) => {
  const h = hops.find((x) => x.operation === op);
  if (!h) throw new Error(`no ${op} hop in ${ops(hops).join(', ')}`);
  return h;
};

/** A visualization trace that went all the way: stored, framed, sent and reported by the viewer. */
async function completeTrace(): Promise<Hop[]> {
  return waitFor(
    'a complete visualization trace',
    async () => {
      // A raw slice is written when it closes (up to 30 s later): flush so the history.commit hop exists.
      await app.history.writer.flush();
      for (const s of await app.runtime.flow!.search({ limit: 200 })) {
        if (s.subject !== 'robot.visualization' || !reported.has(s.traceId)) continue;
        const hops = await app.runtime.flow!.traceById(s.traceId);
        const names = ops(hops ?? []);
        if (['history.commit', 'socketio.send', 'browser.render'].every((o) => names.includes(o))) return hops;
      }
      return null;
    },
    20_000,
    200,
  );
}

describe('message traces', () => {
  it('a sampled message has every hop in path order with monotonic times, robot timestamp to browser', async () => {
    await app.sim!.ready;
    const hops = (await completeTrace())!;
    // The fan-out path and the storage path, each in the order a message takes.
    const live = [
      'robot.publish',
      'mqtt.deliver',
      'gateway.validate',
      'bus.publish',
      'fleet-state.handle',
      'fanout.frame',
      'socketio.send',
      'browser.receive',
      'browser.render',
    ];
    const stored = ['robot.publish', 'mqtt.deliver', 'gateway.validate', 'bus.publish', 'history.handle', 'history.commit'];
    for (const path of [live, stored]) {
      const chain = path.map((op) => at(hops, op));
      for (let i = 1; i < chain.length; i++) {
        expect({ op: chain[i]!.operation, after: chain[i - 1]!.operation, ok: chain[i]!.startMs >= chain[i - 1]!.startMs }).toEqual({
          op: chain[i]!.operation,
          after: chain[i - 1]!.operation,
          ok: true,
        });
      }
    }
    for (const h of hops) expect(h.endMs).toBeGreaterThanOrEqual(h.startMs);
    // The trace starts at the robot's own header timestamp (ms resolution) and the message's transit is a hop.
    const publish = at(hops, 'robot.publish');
    expect(Number.isInteger(publish.startMs)).toBe(true);
    expect(at(hops, 'mqtt.deliver').startMs).toBe(publish.startMs);
    expect(hops.every((h) => h.outcome === 'ok' && h.robotId === publish.robotId && h.traceId === publish.traceId)).toBe(true);
    expect(new Set(hops.map((h) => h.spanId)).size).toBe(hops.length);
  });

  it('hops are persisted to Postgres in batches and read back by trace id', async () => {
    const hops = (await completeTrace())!;
    await app.flow!.writer.flush();
    const stored = await hopsOfTrace(app.db, hops[0]!.traceId);
    expect(stored.map((h) => h.operation).sort()).toEqual(ops(hops).sort());
    expect(app.flow!.writer.stats().batches).toBeLessThan(app.flow!.writer.stats().written / 5);
  });

  it('search finds traces by robot and time', async () => {
    const robotId = app.runtime.fleet.list()[0]!.id;
    const now = Date.now();
    const found = await app.runtime.flow!.search({ robotId, fromMs: now - 60_000, toMs: now, limit: 20 });
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((s) => s.robotId === robotId && s.startedAt >= now - 60_000)).toBe(true);
    expect(await app.runtime.flow!.search({ robotId, fromMs: now + 60_000, limit: 20 })).toEqual([]);
  });

  it('a rejected message is always traced, with the reason', async () => {
    const c = await mqtt.connectAsync(app.brokerUrl, await robotLogin(app, 'Acme', 'BAD-1'));
    await c.publishAsync(`${iface}/v2/Acme/BAD-1/visualization`, 'not json');
    await c.endAsync();
    const trace = await waitFor('the rejection trace', async () => {
      const s = (await app.runtime.flow!.search({ limit: 500 })).find((x) => x.subject === 'rejected:visualization');
      return s && (await app.runtime.flow!.traceById(s.traceId));
    });
    const validate = at(trace, 'gateway.validate');
    expect(validate.outcome).toBe('error');
    expect(validate.detail).toMatch(/malformed JSON/);
  });

  it('browser hop reports are validated: junk and unknown traces are refused', async () => {
    const before = app.runtime.flow!;
    viewer.emit('flow:hops', [{ traceId: 'nope', robotId: 1, receivedAt: 1, renderedAt: 2 }] as never);
    viewer.emit('flow:hops', [{ traceId: 'f'.repeat(32), robotId: 1, receivedAt: Date.now(), renderedAt: Date.now() }]);
    await new Promise((r) => setTimeout(r, 200));
    expect(await before.traceById('f'.repeat(32))).toBeNull();
  });
});
