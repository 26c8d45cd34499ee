// History slices across nodes. A node without the ingest role still builds its own robots' slices (next to the
// gateway that owns them, so each robot's samples are in order and in one place) but does not write them: it hands
// each closed slice to the ingest nodes on a durable bus subject. An ingest node writes them in batches, and the
// bus message is acknowledged only after the commit: an ingest node killed mid-batch, or down for a while, loses
// nothing; JetStream keeps the slices and delivers them again (up to the stream's age and size limits).
import { newEnvelope, type Envelope } from '../../domain/envelope';
import { SLICE_TIER, type SliceRow, type SliceTier } from '../../domain/history/slice';
import type { Clock } from '../../ports/clock';
import type { HistoryStore } from '../../ports/history-store';
import type { MessageBus } from '../../ports/message-bus';

export const SLICE_SUBJECT = 'history.slice';

/** A slice on the bus: the row with its packed samples as base64 (the bus carries JSON). */
interface SlicePayload extends Omit<SliceRow, 'data'> {
  data: string;
}

/** A packed slice holds at most a few thousand samples; anything near this is not one of ours. */
const MAX_DATA_CHARS = 4 * 1024 * 1024;
const TIERS: ReadonlySet<number> = new Set(Object.values(SLICE_TIER));

/**
 * The store a non-ingest node's history writer writes to: slices go on the bus, everything else (reads,
 * retention) to the database. Each slice's envelope id names the slice, so a batch published again after a
 * failure is stored once by JetStream's deduplication.
 */
export function relaySliceStore(store: HistoryStore, bus: MessageBus, clock: Clock, node: string): HistoryStore {
  return {
    ...store,
    async writeSlices(rows) {
      const now = clock.now();
      for (const r of rows) {
        const payload: SlicePayload = { ...r, data: Buffer.from(r.data.buffer, r.data.byteOffset, r.data.byteLength).toString('base64') };
        const env = newEnvelope({
          subject: SLICE_SUBJECT,
          source: `worker:history@${node}`,
          producedAt: r.endMs,
          receivedAt: now,
          payload,
        });
        // Throws while the bus is closed: the writer keeps the batch and tries again.
        bus.publish({ ...env, id: `slice.${r.robotId}.${r.tier}.${r.startMs}.${r.count}` });
      }
    },
  };
}

const isInt = (v: unknown): v is number => Number.isSafeInteger(v);

/** The row in a slice message, or why it is refused (the bus is the app's own; this guards against another version). */
export function sliceOf(env: Envelope): SliceRow | string {
  const p = env.payload as Partial<SlicePayload> | null;
  if (typeof p !== 'object' || p === null) return 'not an object';
  if (!isInt(p.robotId) || p.robotId <= 0) return 'robotId is not a positive integer';
  if (!isInt(p.tier) || !TIERS.has(p.tier)) return 'tier is not a known tier';
  if (!isInt(p.startMs) || !isInt(p.endMs) || p.endMs < p.startMs) return 'startMs/endMs are not an interval';
  if (!isInt(p.count) || p.count < 1) return 'count is not a positive integer';
  if (typeof p.data !== 'string' || p.data.length > MAX_DATA_CHARS) return 'data is not base64 text of a slice';
  if (typeof p.snapshot !== 'object') return 'snapshot is not an object or null';
  const data = new Uint8Array(Buffer.from(p.data, 'base64'));
  if (data.byteLength === 0) return 'data is empty';
  return {
    robotId: p.robotId,
    tier: p.tier as SliceTier,
    startMs: p.startMs,
    endMs: p.endMs,
    count: p.count,
    snapshot: p.snapshot ?? null,
    data,
  };
}
