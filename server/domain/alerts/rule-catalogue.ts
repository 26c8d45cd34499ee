// The alert rules the app ships: ids, what each watches, its parameters and defaults. Admins change a rule's
// severity, thresholds, durations, enabled flag and webhook (alertRules.update); the ids and meanings are fixed.
import { z } from 'zod';
import type { AlertSeverity } from './alert';

export const ALERT_RULE_IDS = [
  'robot.battery_low',
  'robot.stuck',
  'robot.state_silent',
  'robot.offline',
  'robot.emergency_stop',
  'robot.fatal_error',
  'robot.error_lasting',
  'robot.charging_no_gain',
  'robot.localization_low',
  'protocol.invalid_rate',
  'protocol.loss_rate',
  'command.failed',
  'app.flow_edge_unhealthy',
  'app.ingest_backlog',
  'app.database_down',
  'app.broker_down',
] as const;
export type AlertRuleId = (typeof ALERT_RULE_IDS)[number];

export interface AlertRule {
  id: AlertRuleId;
  /** A short name for lists and the bell. */
  name: string;
  /** What the rule watches, in one sentence (shown on the rules page). */
  description: string;
  enabled: boolean;
  severity: AlertSeverity;
  /** The rule's main threshold, in `unit`; null for rules that have none (offline, e-stop). */
  threshold: number | null;
  /** A second threshold past which the alert is critical (battery below it); null when the rule has none. */
  criticalThreshold: number | null;
  unit: string | null;
  /** The condition must hold this long before the alert opens. */
  forSec: number;
  /** The condition must stay clear this long before the alert resolves (hysteresis against flapping). */
  clearSec: number;
  /** Where this rule's notifications go besides ALERT_WEBHOOK_URL; null for none. */
  webhookUrl: string | null;
  updatedAt: number | null;
  updatedBy: string | null;
}

type Default = Omit<AlertRule, 'id' | 'updatedAt' | 'updatedBy' | 'webhookUrl' | 'enabled'> & { enabled?: boolean };

/** The shipped defaults; a stored override replaces the editable fields. */
export const DEFAULT_RULES: Record<AlertRuleId, Default> = {
  'robot.battery_low': {
    name: 'Battery low',
    description: 'Battery below the threshold (critical below the second one), not charging.',
    severity: 'warning',
    threshold: 20,
    criticalThreshold: 10,
    unit: '%',
    forSec: 10,
    clearSec: 30,
  },
  'robot.stuck': {
    name: 'Stuck',
    description: 'Reports driving, not paused, but its position has not changed by 5 cm for the duration.',
    severity: 'warning',
    threshold: null,
    criticalThreshold: null,
    unit: null,
    forSec: 20,
    clearSec: 5,
  },
  'robot.state_silent': {
    name: 'State messages stopped',
    description: 'No state message for the threshold while visualization still arrives (VDA 5050 sends state at least every 30 s).',
    severity: 'warning',
    threshold: 60,
    criticalThreshold: null,
    unit: 's',
    forSec: 0,
    clearSec: 5,
  },
  'robot.offline': {
    name: 'Offline',
    description: 'Connection OFFLINE or CONNECTIONBROKEN, or silent past the liveness limit.',
    severity: 'warning',
    threshold: null,
    criticalThreshold: null,
    unit: null,
    forSec: 5,
    clearSec: 10,
  },
  'robot.emergency_stop': {
    name: 'Emergency stop',
    description: 'An emergency stop is active (safetyState.eStop, or an emergencyStop error).',
    severity: 'critical',
    threshold: null,
    criticalThreshold: null,
    unit: null,
    forSec: 0,
    clearSec: 3,
  },
  'robot.fatal_error': {
    name: 'FATAL error',
    description: 'The robot reports an error of level FATAL.',
    severity: 'critical',
    threshold: null,
    criticalThreshold: null,
    unit: null,
    forSec: 0,
    clearSec: 3,
  },
  'robot.error_lasting': {
    name: 'Error lasting',
    description: 'An ERROR-level error has been reported for the duration.',
    severity: 'warning',
    threshold: null,
    criticalThreshold: null,
    unit: null,
    forSec: 30,
    clearSec: 5,
  },
  'robot.charging_no_gain': {
    name: 'Charging without gain',
    description: 'Charging for the duration without the battery rising by the threshold.',
    severity: 'warning',
    threshold: 1,
    criticalThreshold: null,
    unit: '%',
    forSec: 120,
    clearSec: 10,
  },
  'robot.localization_low': {
    name: 'Localisation poor',
    description: 'agvPosition.localizationScore below the threshold, or positionInitialized false.',
    severity: 'warning',
    threshold: 0.5,
    criticalThreshold: null,
    unit: 'score',
    forSec: 10,
    clearSec: 10,
  },
  'protocol.invalid_rate': {
    name: 'Invalid messages',
    description: 'Share of the robot’s messages refused as invalid over the last minute above the threshold.',
    severity: 'warning',
    threshold: 5,
    criticalThreshold: null,
    unit: '%',
    forSec: 10,
    clearSec: 60,
  },
  'protocol.loss_rate': {
    name: 'Messages lost',
    description: 'Share of the robot’s messages missing (headerId gaps) over the last minute above the threshold.',
    severity: 'warning',
    threshold: 5,
    criticalThreshold: null,
    unit: '%',
    forSec: 10,
    clearSec: 60,
  },
  'command.failed': {
    name: 'Command failed',
    description: 'The robot’s latest finished command failed, timed out or expired (clears when a later one succeeds).',
    severity: 'warning',
    threshold: null,
    criticalThreshold: null,
    unit: null,
    forSec: 0,
    clearSec: 0,
  },
  'app.flow_edge_unhealthy': {
    name: 'Data-flow edge unhealthy',
    description: 'A data-flow edge’s p99 latency above the threshold, or it dropped messages in the last window.',
    severity: 'warning',
    threshold: 1_000,
    criticalThreshold: null,
    unit: 'ms',
    forSec: 15,
    clearSec: 30,
  },
  'app.ingest_backlog': {
    name: 'Ingest backlog growing',
    description: 'Telemetry waiting for the database above the threshold and growing.',
    severity: 'warning',
    threshold: 5_000,
    criticalThreshold: null,
    unit: 'messages',
    forSec: 10,
    clearSec: 30,
  },
  'app.database_down': {
    name: 'Database down',
    description: 'The database does not answer.',
    severity: 'critical',
    threshold: null,
    criticalThreshold: null,
    unit: null,
    forSec: 5,
    clearSec: 10,
  },
  'app.broker_down': {
    name: 'MQTT broker down',
    description: 'The gateway has no connection to the MQTT broker.',
    severity: 'critical',
    threshold: null,
    criticalThreshold: null,
    unit: null,
    forSec: 5,
    clearSec: 10,
  },
};

export function defaultRule(id: AlertRuleId): AlertRule {
  const d = DEFAULT_RULES[id];
  return { id, enabled: d.enabled ?? true, webhookUrl: null, updatedAt: null, updatedBy: null, ...d };
}

export const defaultRules = (): AlertRule[] => ALERT_RULE_IDS.map(defaultRule);

/** Rules whose condition measures forSec itself (progress that stopped); the center opens them at once. */
export const TIMED_BY_CONDITION: ReadonlySet<AlertRuleId> = new Set(['robot.stuck', 'robot.charging_no_gain']);

/** Longest duration a rule may ask for (a day): past it a typo in seconds would silence the rule. */
export const MAX_RULE_SECONDS = 86_400;
const seconds = z.number().int().min(0).max(MAX_RULE_SECONDS);

/** alertRules.update: the editable fields; omitted ones keep their value. */
export const updateAlertRuleInput = z.object({
  id: z.enum(ALERT_RULE_IDS),
  enabled: z.boolean().optional(),
  severity: z.enum(['info', 'warning', 'critical']).optional(),
  threshold: z.number().finite().min(-1e9).max(1e9).nullable().optional(),
  criticalThreshold: z.number().finite().min(-1e9).max(1e9).nullable().optional(),
  forSec: seconds.optional(),
  clearSec: seconds.optional(),
  webhookUrl: z
    .string()
    .trim()
    .max(2_000)
    .url('the webhook must be an http(s) URL')
    .refine((u) => /^https?:\/\//i.test(u), 'the webhook must be an http(s) URL')
    .nullable()
    .optional(),
});
export type UpdateAlertRuleInput = z.infer<typeof updateAlertRuleInput>;
