// The data-flow view over Socket.IO: pushes the graph about once a second to sockets that subscribed, and
// takes browsers' receive/render hops of sampled poses. Those hops are untrusted input: each report is
// validated (zod), rate-limited per socket, and accepted only for a trace this server sent to viewers and that
// has no browser hop yet.
import type { Socket } from 'socket.io';
import { browserHopReportSchema, type BrowserHop } from '../../domain/flow/live-flow-protocol';
import { nodeId } from '../../domain/flow/topology';
import type { ClientToServerEvents, ServerToClientEvents } from '../../domain/live-protocol';
import type { Logger } from '../../ports/logger';
import type { FlowReader } from '../../ports/flow-reader';
import type { FlowRecorder } from '../../services/flow/flow-recorder';
import type { TraceRing } from '../../services/flow/trace-ring';
import type { FleetIo } from './socketio';

const ROOM = 'flow';
/** Reports per socket per second (a viewer sends at most one per frame with sampled poses). */
const REPORTS_PER_SEC = 10;

export interface FlowLive {
  stop(): void;
  stats(): { browserHopsAccepted: number; browserHopsRejected: number };
}

export function startFlowLive(deps: {
  io: FleetIo;
  recorder: FlowRecorder;
  ring: TraceRing;
  reader: FlowReader;
  logger: Logger;
  pushEveryMs?: number;
}): FlowLive {
  const log = deps.logger.child({ component: 'flow:live' });
  const { recorder: rec } = deps;
  const viewersEdge = rec.edge(nodeId.fanout, nodeId.viewers);
  const counts = { browserHopsAccepted: 0, browserHopsRejected: 0 };

  const accept = (h: BrowserHop): boolean => {
    const hops = deps.ring.get(h.traceId);
    const send = hops?.find((x) => x.operation === 'socketio.send');
    if (!hops || !send || send.robotId !== h.robotId || hops.some((x) => x.operation === 'browser.receive')) return false;
    const ctx = { traceId: send.traceId, kind: send.kind, robotId: send.robotId, subject: send.subject };
    rec.hop(ctx, {
      node: nodeId.viewers,
      operation: 'browser.receive',
      startMs: send.endMs,
      endMs: h.receivedAt,
      outcome: 'ok',
      detail: 'browser clock',
    });
    rec.hop(ctx, {
      node: nodeId.viewers,
      operation: 'browser.render',
      startMs: h.receivedAt,
      endMs: h.renderedAt,
      outcome: 'ok',
      detail: 'next animation frame after receipt',
    });
    viewersEdge.latency(rec.wallNow(), h.receivedAt - send.endMs);
    return true;
  };

  const onConnection = (socket: Socket<ClientToServerEvents, ServerToClientEvents>) => {
    let tokens = REPORTS_PER_SEC;
    let refilledAt = Date.now();
    socket.on('flow:subscribe', () => {
      void socket.join(ROOM);
      socket.emit('flow:graph', deps.reader.graph());
    });
    socket.on('flow:unsubscribe', () => void socket.leave(ROOM));
    socket.on('flow:hops', (raw: unknown) => {
      const now = Date.now();
      tokens = Math.min(REPORTS_PER_SEC, tokens + ((now - refilledAt) / 1000) * REPORTS_PER_SEC);
      refilledAt = now;
      if (tokens < 1) return void counts.browserHopsRejected++;
      tokens -= 1;
      const parsed = browserHopReportSchema.safeParse(raw);
      if (!parsed.success) {
        counts.browserHopsRejected++;
        log.debug({ socket: socket.id, issue: parsed.error.issues[0]?.message }, 'browser hop report rejected');
        return;
      }
      for (const h of parsed.data) {
        if (accept(h)) counts.browserHopsAccepted++;
        else counts.browserHopsRejected++;
      }
    });
  };

  // Bytes actually written to viewers (every encoded packet), for the fan-out → browsers edge.
  const onEngineConnection = (raw: { on(event: 'packetCreate', fn: (p: { data?: unknown }) => void): void }) => {
    raw.on('packetCreate', (p) => {
      const n = typeof p.data === 'string' ? p.data.length : p.data instanceof Uint8Array ? p.data.byteLength : 0;
      if (n > 0) viewersEdge.record(rec.wallNow(), 0, n, Number.NaN);
    });
  };

  deps.io.on('connection', onConnection);
  deps.io.engine.on('connection', onEngineConnection);
  const timer = setInterval(() => {
    if ((deps.io.of('/').adapter.rooms.get(ROOM)?.size ?? 0) > 0) deps.io.local.to(ROOM).emit('flow:graph', deps.reader.graph());
  }, deps.pushEveryMs ?? 1000);
  timer.unref();

  return {
    stop() {
      clearInterval(timer);
      deps.io.off('connection', onConnection);
      deps.io.engine.off('connection', onEngineConnection);
    },
    stats: () => ({ ...counts }),
  };
}
