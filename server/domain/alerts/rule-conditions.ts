// Which condition judges each rule of the catalogue: robot rules (one verdict per robot), app rules (one subject
// each) and the flow-edge rule (one subject per edge). Every rule id has exactly one entry (checked by the types).
import { APP_SUBJECT_KEYS, brokerDown, databaseDown, ingestBacklogGrowing, type AppCondition } from './app-conditions';
import { commandFailed } from './command-outcome';
import { invalidRate, lossRate } from './protocol-conditions';
import type { RobotCondition } from './robot-facts';
import { batteryLow, emergencyStop, errorLasting, fatalError, localizationLow, offline, stateSilent } from './robot-conditions';
import { chargingNoGain, stuck } from './robot-progress';
import type { AlertRuleId } from './rule-catalogue';

export type RobotRuleId = Extract<AlertRuleId, `robot.${string}` | `protocol.${string}` | `command.${string}`>;
export type EdgeRuleId = 'app.flow_edge_unhealthy';
export type AppRuleId = Exclude<Extract<AlertRuleId, `app.${string}`>, EdgeRuleId>;

export const ROBOT_CONDITIONS: Record<RobotRuleId, RobotCondition> = {
  'robot.battery_low': batteryLow,
  'robot.stuck': stuck,
  'robot.state_silent': stateSilent,
  'robot.offline': offline,
  'robot.emergency_stop': emergencyStop,
  'robot.fatal_error': fatalError,
  'robot.error_lasting': errorLasting,
  'robot.charging_no_gain': chargingNoGain,
  'robot.localization_low': localizationLow,
  'protocol.invalid_rate': invalidRate,
  'protocol.loss_rate': lossRate,
  'command.failed': commandFailed,
};

export const APP_CONDITIONS: Record<AppRuleId, AppCondition> = {
  'app.database_down': databaseDown,
  'app.broker_down': brokerDown,
  'app.ingest_backlog': ingestBacklogGrowing,
};

/** The subject key of each app rule's one subject. */
export const APP_SUBJECT_OF: Record<AppRuleId, string> = {
  'app.database_down': APP_SUBJECT_KEYS.database,
  'app.broker_down': APP_SUBJECT_KEYS.broker,
  'app.ingest_backlog': APP_SUBJECT_KEYS.ingest,
};

export const EDGE_RULE: EdgeRuleId = 'app.flow_edge_unhealthy';

export const isRobotRule = (id: AlertRuleId): id is RobotRuleId => id in ROBOT_CONDITIONS;
export const isAppRule = (id: AlertRuleId): id is AppRuleId => id in APP_CONDITIONS;
