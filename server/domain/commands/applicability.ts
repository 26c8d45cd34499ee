// Whether a command makes sense for the robot as it stands (pure; the server refuses, the UI shows it). Judged
// only on a fresh state: an offline or silent robot's last state may be stale, so its commands wait as usual.
import type { OperatingMode } from '../vda5050/messages';
import { robotStatus, type RobotView } from '../robot';
import type { CommandType } from './command';

type RobotState = Pick<RobotView, 'name' | 'connection' | 'stale' | 'charging' | 'errors' | 'paused' | 'driving' | 'operatingMode'>;

/** Commands that reach the robot as an order; every other command is an instant action. */
const ORDER_COMMANDS: readonly CommandType[] = ['goTo', 'charge'];

/**
 * What fleet control may send in each operating mode, from VDA 5050 3.0 §6.6.6 (Table 11). 2.x says the same of
 * its MANUAL, SERVICE and TEACHIN (master control is not in control: no orders, no actions), so it holds for
 * every robot. Modes not listed (AUTOMATIC, SEMIAUTOMATIC, not known yet) allow everything.
 */
const MODE_LIMITS: Partial<Record<OperatingMode, { orders: boolean; instant: readonly CommandType[] | 'none' }>> = {
  INTERVENED: { orders: true, instant: ['cancelOrder'] },
  MANUAL: { orders: false, instant: 'none' },
  STARTUP: { orders: false, instant: 'none' },
  SERVICE: { orders: false, instant: 'none' },
  TEACHIN: { orders: false, instant: 'none' },
};

function modeRefusal(robot: RobotState, type: CommandType): string | null {
  const mode = robot.operatingMode;
  const limits = mode ? MODE_LIMITS[mode] : undefined;
  if (!mode || !limits) return null;
  const order = ORDER_COMMANDS.includes(type);
  if (order ? limits.orders : limits.instant !== 'none' && limits.instant.includes(type)) return null;
  const what = limits.orders
    ? `only orders and ${(limits.instant as readonly CommandType[]).join(', ')} may be sent`
    : 'fleet control is not in control: no orders or instant actions may be sent';
  return `not allowed while ${robot.name} is in operating mode ${mode}: ${what} (VDA 5050 §6.6.6)`;
}

/** Why the command does not apply to the robot now (null: it applies, or its state is not known well enough). */
export function notApplicable(robot: RobotState, type: CommandType): string | null {
  if (robot.connection !== 'ONLINE' || robot.stale) return null;
  const byMode = modeRefusal(robot, type);
  if (byMode) return byMode;
  if (type !== 'stopCharging' || robot.charging) return null;
  return `not applicable: ${robot.name} is not charging (it is ${robotStatus(robot)}), so there is nothing to stop`;
}
