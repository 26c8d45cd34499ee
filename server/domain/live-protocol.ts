// Socket.IO messages between the live fan-out and browsers. Shared by server and client (types only).
import type { AlertCounts, AlertView } from './alerts/alert';
import type { CommandView } from './commands/command';
import type { BrowserHop, FlowGraphPush, TracedPose } from './flow/live-flow-protocol';
import type { RobotView } from './robot';

/** Sent first to every viewer, and again after each reconnect. */
export interface FleetSnapshot {
  seq: number;
  serverTime: number;
  robots: RobotView[];
}

/**
 * One batched frame per tick with only the robots that changed.
 * `poses` is flat: [id, x, y, theta, speed, producedAt, id, ...] for robots that reported a pose, where
 * producedAt is the robot's own header timestamp (epoch ms) of that pose, so a viewer can measure latency;
 * `robots` carries full views of robots whose non-pose fields changed (status, battery, errors...),
 * including robots seen for the first time.
 */
export interface FleetFrame {
  seq: number;
  serverTime: number;
  poses: number[];
  robots: RobotView[];
  /** Ids of robots removed from the fleet. */
  removed: number[];
  /** Poses from sampled messages: the viewer reports their receive/render hops with `flow:hops`. */
  traced?: TracedPose[];
}

export const POSE_STRIDE = 6;

export interface ServerToClientEvents {
  'fleet:snapshot': (s: FleetSnapshot) => void;
  'fleet:frame': (f: FleetFrame) => void;
  /** Commands whose status changed since the last batch (at most one batch per fan-out tick). */
  'commands:update': (commands: CommandView[]) => void;
  /** Alerts that opened or changed since the last batch, with the bell's counts after them (at most one batch a tick);
   * `alerts:snapshot` is sent first to every viewer and after each reconnect: every alert not resolved. */
  'alerts:update': (u: { alerts: AlertView[]; counts: AlertCounts }) => void;
  'alerts:snapshot': (s: { alerts: AlertView[]; counts: AlertCounts }) => void;
  /** The live data-flow graph, about once a second, to sockets that sent `flow:subscribe`. */
  'flow:graph': (g: FlowGraphPush) => void;
  /** The session was revoked or expired, or the user disabled: the server disconnects right after this. */
  'auth:revoked': (reason: string) => void;
  /** The user's role changed; the page reloads what it may show. */
  'auth:changed': (me: { role: string }) => void;
  /** A client event was refused (not allowed, unknown, or over the socket's rate); at most one notice a second. */
  'event:refused': (r: { event: string; reason: string; retryAfterMs?: number }) => void;
}

export interface ClientToServerEvents {
  /** Ask for a fresh snapshot (after a detected gap in `seq`). */
  'fleet:resync': () => void;
  /** Receive/render hops of sampled poses (validated and rate-limited on the server). */
  'flow:hops': (hops: BrowserHop[]) => void;
  'flow:subscribe': () => void;
  'flow:unsubscribe': () => void;
}
