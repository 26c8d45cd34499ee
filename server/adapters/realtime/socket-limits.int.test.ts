// One client must never slow the others or flood the audit log: per-socket budgets of client events and of
// snapshots on request, coalesced refusal audits, and a socket cut off when it keeps sending refused events.
// A real app (database, broker, simulated robots) with its Socket.IO server; a second guarded server with
// loosened limits isolates the audit coalescing.
import http from 'node:http';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../app';
import type { ClientToServerEvents, ServerToClientEvents } from '../../domain/live-protocol';
import { cookieAs } from '../../testing/sign-in';
import { testConfig, testLogger, waitFor } from '../../testing/test-env';
import { guardSockets } from './socket-auth';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type Io = Server<ClientToServerEvents, ServerToClientEvents>;

let app: App;
let cleanup: () => Promise<void>;
const servers: http.Server[] = [];
const sockets: ClientSocket[] = [];

async function serve(): Promise<{ io: Io; base: string }> {
  const server = http.createServer();
  servers.push(server);
  const io: Io = new Server(server, { transports: ['websocket'] });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { io, base: `http://127.0.0.1:${(server.address() as { port: number }).port}` };
}

/** Connects a viewer; `listen` runs before the connection, so the snapshot sent on connect is not missed. */
async function open(base: string, listen: (s: ClientSocket) => void = () => {}): Promise<ClientSocket> {
  const s: ClientSocket = connect(base, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    extraHeaders: { cookie: await cookieAs(app, 'viewer'), origin: base },
  });
  sockets.push(s);
  listen(s);
  await new Promise<void>((resolve, reject) => {
    s.once('connect', () => resolve());
    s.once('connect_error', reject);
  });
  return s;
}

let main: { io: Io; base: string };

beforeAll(async () => {
  const t = await testConfig({ SIM_ROBOTS: '60', SIM_HZ: '5', SIM_SEED: '5' });
  cleanup = t.cleanup;
  main = await serve();
  app = await createApp(t.config, { logger: testLogger, io: main.io });
  await app.sim!.ready;
  await waitFor('simulated robots online', () => app.runtime.fleet.list().filter((r) => r.pose).length >= 30, 30_000);
}, 60_000);

afterAll(async () => {
  for (const s of sockets) s.close();
  await app?.stop();
  for (const s of servers) await new Promise((r) => s.close(r));
  await cleanup?.();
});

describe('per-socket limits', () => {
  it('1,000 resyncs from one viewer: a few snapshots, refusals said and counted, then cut off; another viewer keeps getting frames', async () => {
    let snapshots = 0;
    const refusals: { event: string; reason: string }[] = [];
    const abuser = await open(main.base, (s) => {
      s.on('fleet:snapshot', () => void snapshots++);
      s.on('event:refused', (r) => void refusals.push(r));
    });
    const other = await open(main.base);
    const gone = new Promise<string>((r) => abuser.once('disconnect', r));
    await waitFor('the first snapshot', () => snapshots >= 1, 5_000);
    const frames: number[] = [];
    other.on('fleet:frame', () => void frames.push(performance.now()));
    await waitFor('frames to the other viewer', () => frames.length >= 5, 5_000);

    const t0 = performance.now();
    for (let i = 0; i < 1_000; i++) abuser.emit('fleet:resync');
    expect(await gone).toBe('io server disconnect');
    await new Promise((r) => setTimeout(r, 2_000));
    const during = frames.filter((t) => t >= t0);
    const gaps = during.slice(1).map((t, i) => t - during[i]!);

    console.log(
      `1,000 resyncs: ${snapshots - 1} snapshots on request; the other viewer's longest gap between frames ${Math.round(Math.max(...gaps))} ms (${during.length} frames)`,
    );
    expect(snapshots - 1, 'snapshots on request').toBeLessThanOrEqual(3);
    expect(refusals[0]).toMatchObject({ event: 'fleet:resync', reason: 'rate limited' });
    expect(refusals.at(-1)?.reason).toMatch(/refused events .*disconnected/);
    expect(refusals.length).toBeLessThanOrEqual(3); // notices are throttled too
    expect(other.connected).toBe(true);
    expect(during.length).toBeGreaterThan(10);
    expect(Math.max(...gaps), `longest gap between frames: ${Math.round(Math.max(...gaps))} ms`).toBeLessThan(500);

    const h = await app.runtime.health();
    const sockets = (h.components.audit as unknown as { sockets: Record<string, number> }).sockets;
    expect(sockets.rateLimited).toBeGreaterThan(0);
    expect(sockets.disconnectedForRefusals).toBe(1);
  });

  it('100 resyncs within the event budget: two snapshots at once, one deferred that the rest join; never dropped', async () => {
    const at: number[] = [];
    const s = await open(main.base, (c) => c.on('fleet:snapshot', () => void at.push(performance.now())));
    await waitFor('the first snapshot', () => at.length >= 1, 5_000);
    const before = (await app.runtime.health()).components.realtime as unknown as {
      snapshotsSent: number;
      resyncsDeferred: number;
      resyncsJoined: number;
    };
    for (let i = 0; i < 100; i++) s.emit('fleet:resync');
    await waitFor('the deferred snapshot', () => at.length >= 4, 5_000);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(at.length).toBe(4); // the initial one, two at once, one deferred that the other 97 asks joined
    expect(at[3]! - at[2]!).toBeGreaterThan(300);
    expect(s.connected).toBe(true);
    const after = (await app.runtime.health()).components.realtime as unknown as typeof before;
    expect(after.snapshotsSent - before.snapshotsSent).toBe(3);
    expect(after.resyncsDeferred - before.resyncsDeferred).toBe(1);
    expect(after.resyncsJoined - before.resyncsJoined).toBe(97);
  });

  it('a viewer whose connection stops draining: frames to it pause within about 2 s and its queue stays bounded; once it drains it gets a snapshot and frames again; another viewer never notices', async () => {
    type Realtime = { viewersBehind: number; viewersFellBehind: number; framesSkipped: number; tickMs: number };
    const realtime = async () => (await app.runtime.health()).components.realtime as unknown as Realtime;
    const got: { kind: 'snapshot' | 'frame'; seq: number }[] = [];
    const stuck = await open(main.base, (c) => {
      c.on('fleet:snapshot', (m) => void got.push({ kind: 'snapshot', seq: m.seq }));
      c.on('fleet:frame', (m) => void got.push({ kind: 'frame', seq: m.seq }));
    });
    const otherFrames: number[] = [];
    const other = await open(main.base, (c) => c.on('fleet:frame', (m) => void otherFrames.push(m.seq)));
    await waitFor('frames to both viewers', () => got.length >= 5 && otherFrames.length >= 5, 5_000);
    const before = await realtime();
    // The server side of the stuck viewer's connection stops writing out, as it does when the peer stops reading
    // and the socket buffers are full: engine.io keeps its packets until the transport is writable again.
    const conn = main.io.of('/').sockets.get(stuck.id!)!.conn as unknown as {
      transport: { writable: boolean };
      writeBuffer: unknown[];
      flush(): void;
    };
    Object.defineProperty(conn.transport, 'writable', { get: () => false, set: () => {}, configurable: true });
    await waitFor('the stuck viewer set aside', async () => (await realtime()).viewersBehind === 1, 5_000);
    const setAside = await realtime();
    expect(setAside.viewersFellBehind - before.viewersFellBehind).toBe(1);
    const maxQueued = Math.ceil(2000 / setAside.tickMs);
    const queuedThen = conn.writeBuffer.length;
    // About 2 s of frames held for it (a packet either way for the frame in flight when it stuck), and no more.
    expect(queuedThen).toBeGreaterThanOrEqual(maxQueued - 2);
    expect(queuedThen).toBeLessThanOrEqual(maxQueued + 2);
    const otherBefore = otherFrames.length;
    await new Promise((r) => setTimeout(r, 1_500));
    // Nothing more piles up for it, while the other viewer's frames keep coming.
    expect(conn.writeBuffer.length).toBe(queuedThen);
    expect(otherFrames.length - otherBefore).toBeGreaterThan(10);
    expect((await realtime()).framesSkipped).toBeGreaterThan(setAside.framesSkipped);
    // The connection drains: the viewer gets everything it was owed, then a snapshot, then frames that follow it.
    delete (conn.transport as { writable?: boolean }).writable;
    conn.transport.writable = true;
    const seen = got.length;
    conn.flush();
    await waitFor('a snapshot after catching up', () => got.slice(seen).some((m) => m.kind === 'snapshot'), 5_000);
    const snap = got.slice(seen).findIndex((m) => m.kind === 'snapshot') + seen;
    await waitFor('frames after the snapshot', () => got.length >= snap + 4, 5_000);
    const after = got.slice(snap);
    for (let i = 1; i < after.length; i++) expect(after[i]!.seq).toBe(after[0]!.seq + i);
    expect((await realtime()).viewersBehind).toBe(0);
    expect(stuck.connected && other.connected).toBe(true);
  });
});

describe('refusal audit', () => {
  it('1,200 refused events from one viewer make one audit row with a count, not 1,200', async () => {
    const side = await serve();
    const guard = guardSockets({
      io: side.io,
      sessions: app.identity.sessions,
      audit: app.audit,
      origins: app.origins,
      logger: testLogger,
      // Loosened so that every event reaches the role check: this test is about the audit, not the rate.
      limits: { rate: { perSec: 100_000, burst: 100_000 }, maxRefusals: 100_000, auditWindowMs: 60_000 },
    });
    try {
      const s = await open(side.base);
      const target = `admin:wipe-${Date.now()}`;
      const answered = new Promise((r) => s.once('event:refused', r));
      for (let i = 0; i < 1_200; i++) (s.emit as (e: string) => void)(target);
      await answered;
      // The guard handles events in order: a ping after the flood arrives after all 1,200 were refused.
      await waitFor('all refusals counted', () => guard.stats().refusedEvents >= 1_200, 10_000);
      await app.audit.flush();
      const rows = async () =>
        (await app.audit.list({ action: 'socket.event', outcome: 'denied', limit: 500 })).items.filter((e) => e.target === target);
      expect((await rows()).map((e) => e.detail?.count)).toEqual([1]);
      guard.stop(); // flushes the window's pending repeats
      await app.audit.flush();
      const all = await rows();
      expect(all.map((e) => e.detail?.count).sort((a, b) => Number(a) - Number(b))).toEqual([1, 1_199]);
      expect(all.every((e) => e.actor === 'viewer@test.local' && e.detail?.reason === 'unknown event')).toBe(true);
    } finally {
      guard.stop();
      side.io.close();
    }
  });
});
