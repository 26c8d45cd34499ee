// Socket.IO across two web nodes through Redis (REDIS_URL, else 127.0.0.1:6379): two servers on two ports, each
// with its own Redis connection, the Redis Streams adapter and the socket guard. A session revoked on node A ends
// its socket on node B at once (not by B's sweep); fleet frames stay on the node that made them (no duplicates);
// command changes, made on one node only, reach every node's viewers.
import http from 'node:http';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../domain/identity/roles';
import type { ClientToServerEvents, FleetFrame, ServerToClientEvents } from '../../domain/live-protocol';
import type { AuditTrail } from '../../services/identity/audit-trail';
import type { SessionChange, SessionStore } from '../../services/identity/sessions';
import { testLogger, waitFor } from '../../testing/test-env';
import type { FleetStateStore } from '../../workers/fleet-state';
import type { OriginCheck } from '../http/origin-check';
import { SESSION_COOKIE } from '../http/session-cookie';
import { connectRedis, type RedisConnection } from '../redis/redis-connection';
import type { CommandView } from '../../domain/commands/command';
import { createCommandFeed } from './command-feed';
import { redisSocketOptions } from './redis-adapter';
import { guardSockets } from './socket-auth';
import { createSocketIoFanout, type FleetIo } from './socketio';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const REDIS = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `fleetscope-it-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}:`;
const principal = (sessionId: string): Principal => ({
  userId: `u-${sessionId}`,
  email: `${sessionId}@x.io`,
  name: sessionId,
  role: 'viewer',
  sessionId,
});

/** A session token (43 base64url characters) that names its session. */
const tokenOf = (sessionId: string) => sessionId.padEnd(43, '_');

/** Sessions as the guard reads them: every token names its session; revoke() is what sessions.revoke emits. */
function fakeSessions() {
  const listeners = new Set<(c: SessionChange) => void>();
  const store = {
    resolve: async (token: string) => principal(token.replace(/_+$/, '')),
    resolveId: async (id: string) => principal(id),
    onChange(l: (c: SessionChange) => void) {
      listeners.add(l);
      return () => void listeners.delete(l);
    },
  };
  return {
    store: store as unknown as SessionStore,
    revoke: (sessionId: string) => {
      for (const l of listeners) l({ kind: 'revoked', sessionIds: [sessionId] });
    },
  };
}

/** A fleet store that has one changed robot pose per tick, tagged with its node's robot id. */
function fakeStore(robotId: number): FleetStateStore {
  return {
    list: () => [],
    takeChanges: () => ({ poses: [robotId, 1, 2, 0, 0, Date.now()], robots: [], traced: [], superseded: [] }),
  } as unknown as FleetStateStore;
}

interface WebNode {
  io: FleetIo;
  base: string;
  redis: RedisConnection;
  server: http.Server;
  sessions: ReturnType<typeof fakeSessions>;
  stop(): Promise<void>;
}

async function webNode(robotId: number): Promise<WebNode> {
  const redis = await connectRedis({ url: REDIS, logger: testLogger });
  const server = http.createServer();
  const io: FleetIo = new Server(server, { transports: ['websocket'], ...redisSocketOptions(redis.client, prefix) });
  const sessions = fakeSessions();
  // A long sweep: whatever reaches node B's sockets in this test came through Redis, not B's own re-check.
  const guard = guardSockets({
    io,
    sessions: sessions.store,
    audit: { record() {} } as unknown as AuditTrail,
    origins: { matches: () => true } as unknown as OriginCheck,
    logger: testLogger,
    sweepMs: 600_000,
  });
  const fanout = createSocketIoFanout({ io, store: fakeStore(robotId), clock: { now: Date.now }, logger: testLogger, hz: 20 });
  fanout.start();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    io,
    base: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    redis,
    server,
    sessions,
    async stop() {
      await fanout.stop();
      guard.stop();
      await new Promise<void>((r) => void io.close(() => r()));
      await redis.close();
    },
  };
}

const sockets: ClientSocket[] = [];
async function open(node: WebNode, sessionId: string, listen: (s: ClientSocket) => void = () => {}): Promise<ClientSocket> {
  const s: ClientSocket = connect(node.base, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    extraHeaders: { cookie: `${SESSION_COOKIE}=${tokenOf(sessionId)}`, origin: node.base },
  });
  sockets.push(s);
  listen(s);
  await new Promise<void>((resolve, reject) => {
    s.once('connect', () => resolve());
    s.once('connect_error', reject);
  });
  return s;
}

let a: WebNode;
let b: WebNode;

beforeAll(async () => {
  a = await webNode(1);
  b = await webNode(2);
  // The adapters read the stream from when their reader started: wait until a room-wide emit from A reaches B.
  let seen = false;
  await open(b, 'probe', (s) => s.on('auth:changed', () => void (seen = true)));
  await waitFor(
    'node B to read what node A sends through Redis',
    () => {
      a.io.to('session:probe').emit('auth:changed', { role: 'viewer' });
      return seen;
    },
    15_000,
    200,
  );
}, 30_000);

afterAll(async () => {
  for (const s of sockets) s.close();
  await a?.stop();
  await b?.stop();
  const c = await connectRedis({ url: REDIS, logger: testLogger });
  const keys = await c.client.keys(`${prefix}*`);
  if (keys.length > 0) await c.client.del(keys);
  await c.close();
}, 30_000);

describe('Socket.IO across two nodes through Redis', () => {
  it('a session revoked on node A disconnects its socket on node B at once; other sessions stay', async () => {
    const said: string[] = [];
    const victim = await open(b, 'victim', (s) => s.on('auth:revoked', (r) => void said.push(r)));
    const bystander = await open(b, 'bystander');
    const gone = new Promise<string>((r) => victim.once('disconnect', r));
    const t0 = Date.now();
    a.sessions.revoke('victim');
    const late = new Promise<string>((r) => setTimeout(() => r('still connected after 5 s'), 5_000).unref());
    expect(await Promise.race([gone, late])).toBe('io server disconnect');
    expect(Date.now() - t0).toBeLessThan(2_000);
    expect(said).toEqual(['your session was revoked; sign in again']);
    await new Promise((r) => setTimeout(r, 200));
    expect(bystander.connected).toBe(true);
  });

  it('fleet frames reach only the viewers of the node that made them, each once', async () => {
    const framesOf = (s: ClientSocket) => {
      const frames: FleetFrame[] = [];
      s.on('fleet:frame', (f) => void frames.push(f));
      return frames;
    };
    let onA: FleetFrame[] = [];
    let onB: FleetFrame[] = [];
    await open(a, 'viewer-a', (s) => void (onA = framesOf(s)));
    await open(b, 'viewer-b', (s) => void (onB = framesOf(s)));
    await waitFor('frames on both nodes', () => onA.length >= 20 && onB.length >= 20, 10_000);
    // Node A's store has robot 1, node B's robot 2: a viewer sees its own node's frames only.
    expect(new Set(onA.map((f) => f.poses[0]))).toEqual(new Set([1]));
    expect(new Set(onB.map((f) => f.poses[0]))).toEqual(new Set([2]));
    // Each frame once, in order.
    for (const frames of [onA, onB]) {
      const seqs = frames.map((f) => f.seq);
      expect(new Set(seqs).size).toBe(seqs.length);
      expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    }
    // Nothing of the fan-out went through Redis: the stream holds only the few room-wide control messages.
    expect(await a.redis.client.xLen(`${prefix}socket.io`)).toBeLessThan(30);
  });

  it("a command's changes on node A's ledger reach the viewers of both nodes, each once", async () => {
    const listeners = new Set<(c: CommandView) => void>();
    const feed = createCommandFeed({
      io: a.io,
      ledger: { onChange: (l) => (listeners.add(l), () => void listeners.delete(l)) },
      tickMs: 20,
    });
    const got = { a: [] as string[], b: [] as string[] };
    await open(a, 'ledger-a', (s) => s.on('commands:update', (batch) => void got.a.push(...batch.map((c) => c.status))));
    await open(b, 'ledger-b', (s) => s.on('commands:update', (batch) => void got.b.push(...batch.map((c) => c.status))));
    const change = (status: CommandView['status']) => {
      for (const l of listeners) l({ id: 'c-1', status } as CommandView);
    };
    change('queued');
    await new Promise((r) => setTimeout(r, 100));
    change('dispatched');
    await waitFor('both viewers to see both changes', () => got.a.length >= 2 && got.b.length >= 2, 5_000);
    await new Promise((r) => setTimeout(r, 200));
    expect(got).toEqual({ a: ['queued', 'dispatched'], b: ['queued', 'dispatched'] });
    feed.stop();
  });
});
