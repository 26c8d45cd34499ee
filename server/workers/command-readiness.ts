// Whether a robot can be sent a command now: connected and heard from recently (not stale).
import type { RobotView } from '../domain/robot';

export function isDispatchable(r: RobotView | undefined): r is RobotView {
  return r !== undefined && r.connection === 'ONLINE' && !r.stale;
}
