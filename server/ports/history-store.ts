// Where fleet history lives: telemetry slices (two tiers) and the robot events of timelines
// (implemented on db/queries by server/adapters/storage/history-store.ts, the same for Postgres and PGlite).
import type { HistoryEvent, HistoryEventKind } from '../domain/history/history-event';
import type { SliceRow, SliceTier } from '../domain/history/slice';

export interface SliceQuery {
  tier: SliceTier;
  /** Slices overlapping [from, to] (epoch ms). */
  from: number;
  to: number;
  /** Only these robots; all when absent. */
  robotIds?: readonly number[];
}

export interface HistoryStore {
  /** One statement for the whole batch. */
  writeSlices(rows: readonly SliceRow[]): Promise<void>;
  /** Ordered by robot, then start. */
  readSlices(q: SliceQuery): Promise<SliceRow[]>;
  /** Per robot, the latest slice of the tier that starts at or before `at` and ends no earlier than `at - maxGapMs`. */
  slicesAt(q: { tier: SliceTier; at: number; maxGapMs: number; robotIds?: readonly number[] }): Promise<SliceRow[]>;
  /** Drops whole slices of the tier that ended before the cutoff; returns how many went. */
  deleteSlicesBefore(tier: SliceTier, cutoffMs: number): Promise<number>;
  /** Sum of samples held (tests, bench, the flow map's store size). */
  countSamples(q?: { tier?: SliceTier; robotId?: number }): Promise<number>;
}

/** Slices still open in the writer (the newest ≤ 30 s of each robot), encoded on demand like stored ones. */
export interface OpenSliceSource {
  openSlices(q: SliceQuery): SliceRow[];
}

export interface EventQuery {
  from: number;
  to: number;
  robotIds?: readonly number[];
  kinds?: readonly HistoryEventKind[];
  /** Newest first when 'desc' (timelines), oldest first when 'asc' (replay). */
  order?: 'asc' | 'desc';
  limit: number;
}

/** Timeline events from every source: robot_events, the command ledger, alerts. */
export interface HistoryEventReader {
  listEvents(q: EventQuery): Promise<HistoryEvent[]>;
}

export interface HistoryEventRetention {
  /** Drops robot events older than the cutoff (whole days where the store partitions); returns how many went. */
  deleteEventsBefore(cutoffMs: number): Promise<number>;
}
