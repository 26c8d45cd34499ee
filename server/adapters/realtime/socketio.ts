// Live fan-out over Socket.IO: a viewer gets a snapshot first, then one batched frame per tick with only the
// robots that changed. One broadcast per tick for all viewers, never one emit per robot message.
// A snapshot costs the whole fleet's serialisation, so resyncs are budgeted per socket (RESYNC_RATE): one asked for
// past the budget is deferred, never dropped (the viewer waits for it), and asks while one is pending join it.
// A viewer that stops reading (a frozen tab, a slow link, a hostile client) must not make the server hold its
// frames: past MAX_BEHIND_MS of packets waiting in its connection, it leaves the frame room, and once its
// connection has drained it rejoins with a snapshot, so it misses nothing it would see. Measured before this bound:
// 10 starved viewers at 2,000 robots grew the app's heap by 38.5 MB a minute (docs/performance.md, Memory).
import type { Server, Socket } from 'socket.io';
import {
  POSE_STRIDE,
  type ClientToServerEvents,
  type FleetFrame,
  type FleetSnapshot,
  type ServerToClientEvents,
} from '../../domain/live-protocol';
import type { Logger } from '../../ports/logger';
import type { Clock } from '../../ports/clock';
import type { FanoutHealth, LiveFanout } from '../../ports/live-fanout';
import type { FlowRecorder } from '../../services/flow/flow-recorder';
import type { FleetStateStore } from '../../workers/fleet-state';
import { createFanoutTracing } from './fanout-tracing';
import { createTokenBucket, type BucketRate } from './token-bucket';

export type FleetIo = Server<ClientToServerEvents, ServerToClientEvents>;
const ROOM = 'fleet';
/** Snapshots on request per socket: two at once, then one a second. */
export const RESYNC_RATE: BucketRate = { perSec: 1, burst: 2 };
/** How far behind (packets waiting in its connection, counted in ticks) a viewer may fall before it stops getting frames. */
export const MAX_BEHIND_MS = 2000;

export function createSocketIoFanout(deps: {
  io: FleetIo;
  store: FleetStateStore;
  clock: Clock;
  logger: Logger;
  hz: number;
  tracer?: FlowRecorder;
}): LiveFanout {
  const tracing = createFanoutTracing(deps.tracer);
  const log = deps.logger.child({ component: 'fanout:socketio' });
  const tickMs = Math.round(1000 / deps.hz);
  let seq = 0;
  let timer: NodeJS.Timeout | null = null;
  let framesSent = 0;
  let lastFrameRobots = 0;
  const resyncs = { snapshotsSent: 0, resyncsDeferred: 0, resyncsJoined: 0 };
  const maxQueued = Math.max(2, Math.ceil(MAX_BEHIND_MS / tickMs));
  /** Every viewer's packets waiting in its connection, counted from the connection's last drain. */
  const waiting = new Map<string, number>();
  /** Viewers out of the frame room until their connection drains. */
  const behind = new Map<string, Socket<ClientToServerEvents, ServerToClientEvents>>();
  const slow = { viewersFellBehind: 0, framesSkipped: 0 };

  const snapshot = (): FleetSnapshot => ({ seq, serverTime: deps.clock.now(), robots: deps.store.list() });

  /** Join and snapshot in the same tick: frames after this carry seq+1, so the viewer has no gap. */
  const joinWithSnapshot = (socket: Socket<ClientToServerEvents, ServerToClientEvents>) => {
    void socket.join(ROOM);
    socket.emit('fleet:snapshot', snapshot());
  };

  const onConnection = (socket: Socket<ClientToServerEvents, ServerToClientEvents>) => {
    waiting.set(socket.id, 0);
    joinWithSnapshot(socket);
    // engine.io hands its write buffer to the transport only once the transport has written the last batch out.
    socket.conn.on('drain', () => waiting.set(socket.id, 0));
    const bucket = createTokenBucket(RESYNC_RATE, Date.now);
    let pending: NodeJS.Timeout | null = null;
    const send = () => {
      pending = null;
      resyncs.snapshotsSent++;
      socket.emit('fleet:snapshot', snapshot());
    };
    socket.on('fleet:resync', () => {
      // A viewer behind gets its snapshot when it has caught up; one asked for now would only wait in memory.
      if (pending || behind.has(socket.id)) return void resyncs.resyncsJoined++;
      const wait = bucket.take();
      if (wait === 0) return send();
      resyncs.resyncsDeferred++;
      pending = setTimeout(() => {
        bucket.take();
        send();
      }, wait);
    });
    socket.on('disconnect', () => {
      if (pending) clearTimeout(pending);
      pending = null;
      waiting.delete(socket.id);
      behind.delete(socket.id);
    });
  };

  /** Before a frame: viewers whose connection has drained rejoin; those too far behind leave the room. */
  const paceViewers = () => {
    for (const [id, socket] of behind) {
      if (!socket.connected) behind.delete(id);
      else if (waiting.get(id) === 0) {
        behind.delete(id);
        joinWithSnapshot(socket);
      }
    }
    for (const [id, n] of waiting) {
      if (n < maxQueued || behind.has(id)) continue;
      const socket = deps.io.of('/').sockets.get(id);
      if (!socket) continue;
      void socket.leave(ROOM);
      behind.set(id, socket);
      slow.viewersFellBehind++;
      log.warn({ socket: id, packetsWaiting: n }, 'viewer fell behind: frames paused until its connection drains');
    }
  };

  const tick = () => {
    // Before seq moves on: a viewer rejoining gets the snapshot of what was sent so far, and this tick's frame next.
    paceViewers();
    const { poses, robots, traced, superseded } = deps.store.takeChanges();
    tracing.superseded(superseded);
    if (poses.length === 0 && robots.length === 0) return;
    seq++;
    const frame: FleetFrame = { seq, serverTime: deps.clock.now(), poses, robots, removed: [] };
    // Sampled poses are named, so a viewer can report when it received and drew them.
    if (traced.length > 0) frame.traced = traced.map((c) => ({ robotId: c.robotId, traceId: c.traceId }));
    const sendStart = tracing.now();
    // Local: every web node has its own store fed by the bus and sends its frames to its own viewers only; through
    // a cluster adapter (REDIS_URL) each viewer would get every node's frames.
    deps.io.local.to(ROOM).emit('fleet:frame', frame);
    for (const [id, n] of waiting) if (!behind.has(id)) waiting.set(id, n + 1);
    slow.framesSkipped += behind.size;
    const viewers = deps.io.of('/').adapter.rooms.get(ROOM)?.size ?? 0;
    tracing.framed({ changes: poses.length / POSE_STRIDE + robots.length, traced, viewers, sendStart, sendEnd: tracing.now() });
    framesSent++;
    lastFrameRobots = poses.length / POSE_STRIDE + robots.length;
  };

  return {
    start() {
      deps.io.on('connection', onConnection);
      timer = setInterval(tick, tickMs);
      log.info({ hz: deps.hz }, 'live fan-out started');
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      deps.io.off('connection', onConnection);
    },
    health(): FanoutHealth {
      return {
        status: timer ? 'ok' : 'down',
        viewers: deps.io.of('/').sockets.size,
        framesSent,
        lastFrameRobots,
        tickMs,
        ...resyncs,
        viewersBehind: behind.size,
        ...slow,
      };
    },
  };
}
