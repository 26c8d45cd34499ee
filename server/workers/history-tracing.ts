// What the history writer reports to the flow recorder, without the writer knowing: the bus and the history store
// it is given are wrapped so that the graph shows bus → worker:history → table:telemetry_slices. Each
// committed batch of slices is one observation on the table edge (its commit time), counting the raw samples it
// carried (one per robot message, comparable with the bus rate) and the packed bytes of every tier; a failed batch
// is an error on the edge. A sampled message gets the `history.commit` hop: its sample handled → the slice holding
// it committed (a raw slice closes after up to SLICE_SPAN_MS, so this hop is long by design).
import type { Envelope } from '../domain/envelope';
import { traceContextOf } from '../domain/flow/envelope-context';
import type { TraceContext } from '../domain/flow/hop';
import { nodeId } from '../domain/flow/topology';
import { SLICE_TIER, type SliceRow } from '../domain/history/slice';
import type { HistoryStore } from '../ports/history-store';
import type { MessageBus } from '../ports/message-bus';
import type { FlowRecorder } from '../services/flow/flow-recorder';

/** The writer's node and its table on the flow graph (flow-wiring.ts declares the edge up front). */
export const HISTORY_WRITER_NAME = 'history';
export const HISTORY_FLOW = {
  worker: nodeId.worker(HISTORY_WRITER_NAME),
  table: nodeId.table('telemetry_slices'),
  latencyMeans: 'batch commit time (one observation per batch of slices)',
} as const;

/** Sampled messages waiting for their slice; bounded (a slice may never be written under a database outage). */
const MAX_PENDING = 10_000;
/** A pending sample older than this is forgotten: its slice was dropped or it never became a sample. */
const MAX_PENDING_AGE_MS = 15 * 60_000;

interface Pending {
  ts: number;
  ctx: TraceContext;
  at: number;
}

/** Robot and header time of a telemetry envelope that carries a pose, else null (not a sample). */
function sampleOf(env: Envelope): { robotId: number; ts: number } | null {
  const p = env.payload as { robotId?: unknown; topic?: unknown; message?: { agvPosition?: unknown } } | null;
  if (!p || typeof p.robotId !== 'number' || (p.topic !== 'visualization' && p.topic !== 'state') || !p.message?.agvPosition) return null;
  return { robotId: p.robotId, ts: env.producedAt };
}

export function traceHistoryWriting(
  parts: { bus: MessageBus; store: HistoryStore },
  rec: FlowRecorder | undefined,
): { bus: MessageBus; store: HistoryStore } {
  if (!rec) return parts;
  const edge = rec.edge(HISTORY_FLOW.worker, HISTORY_FLOW.table, HISTORY_FLOW.latencyMeans);
  const pending = new Map<number, Pending[]>();
  let size = 0;

  const remember = (robotId: number, p: Pending) => {
    if (size >= MAX_PENDING) {
      pending.clear();
      size = 0;
    }
    const list = pending.get(robotId);
    if (list) list.push(p);
    else pending.set(robotId, [p]);
    size++;
  };

  /** `history.commit` hops for the sampled messages inside the committed raw slices. */
  const committed = (rows: readonly SliceRow[], commitEnd: number) => {
    const tooOld = commitEnd - MAX_PENDING_AGE_MS;
    for (const row of rows) {
      if (row.tier !== SLICE_TIER.raw) continue;
      const list = pending.get(row.robotId);
      if (!list) continue;
      const keep = list.filter((p) => {
        if (p.ts >= row.startMs && p.ts <= row.endMs) {
          rec.hop(p.ctx, {
            node: HISTORY_FLOW.table,
            operation: 'history.commit',
            startMs: p.at,
            endMs: commitEnd,
            outcome: 'ok',
            detail: `slice of ${row.count} samples, batch of ${rows.length} slices`,
          });
          return false;
        }
        return p.at >= tooOld;
      });
      size -= list.length - keep.length;
      if (keep.length === 0) pending.delete(row.robotId);
      else pending.set(row.robotId, keep);
    }
  };

  const bus: MessageBus = {
    get kind() {
      return parts.bus.kind;
    },
    publish: (env) => parts.bus.publish(env),
    // One name for every subscription of the writer, so its bus edges and its table edge meet on one node.
    subscribe: (subject, handler, opts) =>
      parts.bus.subscribe(
        subject,
        (env) => {
          if (env.sampled) {
            const s = sampleOf(env);
            if (s) remember(s.robotId, { ts: s.ts, ctx: traceContextOf(env), at: rec.now() });
          }
          return handler(env);
        },
        { ...opts, name: HISTORY_WRITER_NAME },
      ),
    stats: () => parts.bus.stats(),
    close: () => parts.bus.close(),
  };

  const inner = parts.store;
  const store: HistoryStore = {
    readSlices: (q) => inner.readSlices(q),
    slicesAt: (q) => inner.slicesAt(q),
    deleteSlicesBefore: (tier, cutoffMs) => inner.deleteSlicesBefore(tier, cutoffMs),
    countSamples: (q) => inner.countSamples(q),
    async writeSlices(rows) {
      const t0 = performance.now();
      try {
        await inner.writeSlices(rows);
      } catch (err) {
        edge.error(rec.wallNow());
        throw err;
      }
      const commitMs = performance.now() - t0;
      let samples = 0;
      let bytes = 0;
      for (const r of rows) {
        if (r.tier === SLICE_TIER.raw) samples += r.count;
        bytes += r.data.byteLength;
      }
      edge.record(rec.wallNow(), samples, bytes, commitMs);
      if (size > 0) committed(rows, rec.now());
    },
  };
  return { bus, store };
}
