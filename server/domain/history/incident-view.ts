// "Why did it stop?": everything around one robot at one moment, lined up (history.why). The browser imports these
// types; server/services/history/incident-reader.ts builds the view from the history reader, the timeline events
// and the flow tracer, and incident-verdict.ts names the most likely reason.
import type { HopOutcome, TraceSummary } from '../flow/hop';
import type { RobotStatus } from '../robot';
import type { FleetAt, RobotAtView } from './history-api';
import type { HistoryEvent } from './history-event';

/** Default and largest window around `at` that history.why reads (seconds, each side). */
export const WHY_DEFAULT_BEFORE_SEC = 300;
export const WHY_DEFAULT_AFTER_SEC = 60;
export const WHY_MAX_BEFORE_SEC = 6 * 3600;
export const WHY_MAX_AFTER_SEC = 3600;
/** Most timeline events a view carries (the ones nearest `at` are kept); past it `eventsTruncated` is set. */
export const WHY_MAX_EVENTS = 500;
/** Most traces of the robot the view summarises. */
export const WHY_MAX_TRACES = 200;

export type VerdictReason =
  | 'command'
  | 'fault'
  | 'fatal_error'
  | 'offline'
  | 'stale'
  | 'order_failed'
  | 'order_finished'
  | 'charging'
  | 'battery_low'
  | 'robot_paused'
  | 'mode_changed'
  | 'error'
  | 'not_stopped'
  | 'unknown';

export interface IncidentVerdict {
  reason: VerdictReason;
  /** One line a person reads first: "Paused by ops@example.com (pause command at 14:02:07)". */
  summary: string;
  /** How sure the logic is: `high` when a cause explains the stop on its own, `low` when only the status is known. */
  confidence: 'high' | 'medium' | 'low';
  /** The event that names the cause (null when none does). */
  eventId: string | null;
  /** When the robot stopped (the stop event, or the cause), epoch ms; null when it did not stop. */
  stoppedAt: number | null;
  /** Who did it, for a command (the ledger's issuer). */
  user: string | null;
}

/** The order the robot was on at `at`, rebuilt from order_* and node_reached events. */
export interface OrderAt {
  orderId: string;
  /** What became of it: still running at `at`, or finished / failed (maybe after `at`, within the window). */
  state: 'running' | 'finished' | 'failed' | 'unknown';
  acceptedAt: number | null;
  endedAt: number | null;
  /** Nodes reached in the window, oldest first. */
  nodes: { nodeId: string; ts: number; sequenceId: number | null }[];
}

/** The last known state of each action at `at` (action_state events). */
export interface ActionAt {
  actionId: string;
  actionType: string | null;
  status: string;
  ts: number;
}

/** An alert open at `at` (robot's or app-wide), from the alert events of the look-back. */
export interface AlertAt {
  alertId: string;
  robotId: number | null;
  openedAt: number;
  /** When it resolved, if it did before the window's end. */
  resolvedAt: number | null;
  level: HistoryEvent['level'];
  summary: string;
}

/** The data path's health for this robot around `at`, from its sampled traces. */
export type FlowHealthAt =
  | { tracing: 'off' }
  /** Tracing is on but its traces could not be read (the view still answers). */
  | { tracing: 'failed'; message: string }
  | {
      tracing: 'on';
      traces: number;
      byOutcome: Record<HopOutcome, number>;
      /** End-to-end latency (first hop start to last hop end), ms; null without traces. */
      p50Ms: number | null;
      p99Ms: number | null;
      maxMs: number | null;
      /** Newest first, the non-ok ones before the rest, at most WHY_MAX_TRACES. */
      recent: TraceSummary[];
      /** The last trace received at or before `at` (how fresh the path was). */
      lastBeforeAt: number | null;
    };

export interface IncidentView {
  robotId: number;
  at: number;
  /** The window read: [from, to]. */
  from: number;
  to: number;
  /** Which history tier rebuilt the robot. */
  tier: FleetAt['tier'];
  /** The robot as it was at `at`; null when history holds nothing of it then. */
  robot: RobotAtView | null;
  /**
   * Its status at `at`: the robot's, unless its events after that sample say it stopped since (the newest
   * samples are stored a slice at a time, so a pause a second ago may be newer than the latest stored sample).
   */
  status: RobotStatus | null;
  verdict: IncidentVerdict;
  /** Everything in the window, the robot's and app-wide, oldest first (at most WHY_MAX_EVENTS, nearest `at`). */
  events: HistoryEvent[];
  eventsTruncated: boolean;
  order: OrderAt | null;
  actions: ActionAt[];
  /** Alerts open at `at`, the robot's first. */
  openAlerts: AlertAt[];
  flow: FlowHealthAt;
}
