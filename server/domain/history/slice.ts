// A slice: one robot's samples over a short stretch of time, stored as one row with the samples packed
// (slice-codec.ts). Two tiers: every sample (kept SAMPLE_RETENTION_HOURS) and one per second (kept
// HISTORY_RETENTION_DAYS). Retention drops whole slices.
import type { RobotView } from '../robot';

export const SLICE_TIER = { raw: 0, second: 1 } as const;
export type SliceTier = (typeof SLICE_TIER)[keyof typeof SLICE_TIER];

/** Longest stretch one slice covers, per tier (ms). A raw slice is also closed when it reaches RAW_SLICE_MAX_SAMPLES. */
export const SLICE_SPAN_MS: Record<SliceTier, number> = { 0: 30_000, 1: 300_000 };
export const RAW_SLICE_MAX_SAMPLES = 600;

/** What fleetAt needs besides the samples: the robot's view when the slice opened (errors, order, connection…). */
export type SliceSnapshot = Pick<
  RobotView,
  'connection' | 'errors' | 'orderId' | 'lastNodeId' | 'charging' | 'operatingMode' | 'protocolVersion'
> & { stale?: boolean };

export interface SliceRow {
  robotId: number;
  tier: SliceTier;
  /** First and last sample's ts, epoch ms. */
  startMs: number;
  endMs: number;
  /** Number of samples packed in data. */
  count: number;
  snapshot: SliceSnapshot | null;
  /** encodeSamples() output. */
  data: Uint8Array;
}
