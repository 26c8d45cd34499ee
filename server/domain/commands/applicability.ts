// Whether a command makes sense for the robot as it stands (pure; the server refuses, the UI shows it). Judged
// only on a fresh state: an offline or silent robot's last state may be stale, so its commands wait as usual.
import { robotStatus, type RobotView } from '../robot';
import type { CommandType } from './command';

type RobotState = Pick<RobotView, 'name' | 'connection' | 'stale' | 'charging' | 'errors' | 'paused' | 'driving'>;

/** Why the command does not apply to the robot now (null: it applies, or its state is not known well enough). */
export function notApplicable(robot: RobotState, type: CommandType): string | null {
  if (type !== 'stopCharging') return null;
  if (robot.connection !== 'ONLINE' || robot.stale || robot.charging) return null;
  return `not applicable: ${robot.name} is not charging (it is ${robotStatus(robot)}), so there is nothing to stop`;
}
