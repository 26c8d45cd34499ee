// Which tier answers a question about a moment or a window, and how a sample maps to a display status. Pure.
import { ROBOT_STATUS_CODES } from '../../domain/history/history-api';
import type { HistorySample } from '../../domain/history/history-sample';
import { SLICE_TIER, type SliceTier } from '../../domain/history/slice';
import { robotStatus, type RobotStatus } from '../../domain/robot';
import type { ReplayState } from './snapshot-replay';

/** A robot whose latest sample at `at` is older than this is shown without pose, OFFLINE (sampleAt null). */
export const FLEET_AT_MAX_GAP_MS = 60_000;

/** Raw within rawRetentionMs of now (every sample), else the 1 s tier. */
export function tierAt(at: number, now: number, rawRetentionMs: number): SliceTier {
  return at >= now - rawRetentionMs ? SLICE_TIER.raw : SLICE_TIER.second;
}

export function statusOf(sample: HistorySample, s: ReplayState): RobotStatus {
  return robotStatus({
    connection: s.connection,
    errors: s.errors,
    charging: sample.charging ?? false,
    paused: sample.paused ?? false,
    driving: sample.driving ?? false,
  });
}

const CODE = new Map(ROBOT_STATUS_CODES.map((s, i) => [s, i]));
export const statusCode = (s: RobotStatus): number => CODE.get(s)!;

/** Latest sample with ts ≤ at (samples oldest first), or null. */
export function latestAtOrBefore(samples: readonly HistorySample[], at: number): HistorySample | null {
  let lo = 0;
  let hi = samples.length - 1;
  let best = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (samples[mid]!.ts <= at) {
      best = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return best < 0 ? null : samples[best]!;
}
