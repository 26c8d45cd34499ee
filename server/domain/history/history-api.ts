// The shapes the history.* procedures return (server/api/routers/history.ts); the browser imports these types.
import type { RobotStatus, RobotView } from '../robot';
import type { SliceTier } from './slice';

/** A robot as it was at an instant: its view rebuilt from the slice snapshot, the sample and the events since. */
export interface RobotAtView extends RobotView {
  /** ts of the sample the pose comes from (≤ at); null when history has no sample of this robot near `at`. */
  sampleAt: number | null;
  status: RobotStatus;
}

export interface FleetAt {
  at: number;
  /** Which tier answered: raw within SAMPLE_RETENTION_HOURS, then the 1 s tier, `none` when history holds nothing. */
  tier: 'raw' | 'second' | 'none';
  robots: RobotAtView[];
}

/** ROBOT_STATUS_CODES[i] is the status a RangeTrack's `status[j] === i` stands for. */
export const ROBOT_STATUS_CODES: readonly RobotStatus[] = ['driving', 'idle', 'paused', 'charging', 'error', 'offline'];

/** One robot's samples in a window, column by column (same length each), for animation. */
export interface RangeTrack {
  robotId: number;
  t: number[];
  x: number[];
  y: number[];
  theta: number[];
  speed: number[];
  /** Index into ROBOT_STATUS_CODES. */
  status: number[];
}

export interface RangePage {
  /** The time span this page covers: [from, to). Pages follow each other in time. */
  from: number;
  to: number;
  tier: SliceTier;
  tracks: RangeTrack[];
  /** Pass as `cursor` for the next page; null when the window is done. */
  nextCursor: string | null;
}

export const ROBOT_SERIES_FIELDS = ['battery', 'speed', 'x', 'y', 'theta', 'errors', 'status'] as const;
export type RobotSeriesField = (typeof ROBOT_SERIES_FIELDS)[number];

export interface RobotSeries {
  robotId: number;
  from: number;
  to: number;
  tier: SliceTier;
  /** Sample times, epoch ms; every requested field has one value per time (null where unknown). */
  t: number[];
  values: Partial<Record<RobotSeriesField, (number | null)[]>>;
}

/** One line of an export (JSON Lines): the VDA 5050 message as the gateway received it. */
export interface ExportLine {
  topic: string;
  /** Epoch ms. */
  receivedAt: number;
  payload: Record<string, unknown>;
}
