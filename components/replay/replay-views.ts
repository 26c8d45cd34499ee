// Turning history into what the list and the panel render: a robot's view at the replayed moment is its fleetAt
// view with the pose, speed and status of the sample at the play head laid over it. Pure.
import type { RobotAtView } from '@/server/domain/history/history-api';
import type { RobotStatus, RobotView } from '@/server/domain/robot';
import type { SampledPose } from './track-buffer';

/** The flags robotStatus() reads, set so that it derives `status` (errors are those fleetAt reported). */
export function withStatus(v: RobotView, status: RobotStatus): RobotView {
  const fatal = v.errors.some((e) => e.errorLevel === 'FATAL');
  const errors =
    status === 'error' && !fatal
      ? [
          ...v.errors,
          {
            errorType: 'recordedError',
            errorLevel: 'FATAL' as const,
            errorDescription: 'error state recorded at this moment; see the events',
          },
        ]
      : status !== 'error' && fatal
        ? v.errors.filter((e) => e.errorLevel !== 'FATAL')
        : v.errors;
  return {
    ...v,
    connection: status === 'offline' ? (v.connection === 'ONLINE' ? 'OFFLINE' : v.connection) : 'ONLINE',
    errors,
    charging: status === 'charging',
    paused: status === 'paused',
    driving: status === 'driving',
  };
}

/** The view of one robot at the play head: the sample's pose when there is one, the fleetAt view otherwise. */
export function replayedView(base: RobotAtView, s: SampledPose | null): RobotView {
  if (!s) return withStatus(base, base.status);
  const mapId = base.pose?.mapId ?? '';
  return withStatus({ ...base, pose: { x: s.x, y: s.y, theta: s.theta, mapId }, speed: s.speed, lastSeenAt: s.t }, s.status);
}

/** True when a published view may be kept (React rows skip re-rendering): same status, pose within 5 mm. */
export function sameView(a: RobotView, b: RobotView): boolean {
  if (a.connection !== b.connection || a.paused !== b.paused || a.driving !== b.driving || a.charging !== b.charging) return false;
  if (a.errors.length !== b.errors.length || a.battery !== b.battery || a.orderId !== b.orderId) return false;
  if (!a.pose || !b.pose) return a.pose === b.pose;
  return Math.abs(a.pose.x - b.pose.x) < 0.005 && Math.abs(a.pose.y - b.pose.y) < 0.005 && Math.abs(a.speed - b.speed) < 0.01;
}
