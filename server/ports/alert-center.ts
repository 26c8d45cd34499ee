// Alerts as the API, the live feed and the metrics see them (implemented by server/services/alerts/alert-center.ts).
import type { AlertActionInput, AlertCounts, AlertSeverity, AlertSubject, AlertView, ListAlertsInput } from '../domain/alerts/alert';
import type { AlertRule, AlertRuleId, UpdateAlertRuleInput } from '../domain/alerts/rule-catalogue';
import type { OutboxItem } from './alert-store';

export interface AlertActor {
  /** The user's name as shown on the alert. */
  name: string;
}

/** One rule's verdict on one subject at one evaluation. */
export interface AlertObservation {
  ruleId: AlertRuleId;
  subject: AlertSubject;
  active: boolean;
  /** For an active condition: the rule's severity, or `critical` past its critical threshold. */
  severity?: AlertSeverity;
  /** For an active condition: the line a person reads first. */
  title?: string;
  detail?: Record<string, unknown>;
  traceId?: string | null;
}

export interface AlertCenter {
  /** The engine's verdicts of one evaluation; the center applies durations, hysteresis and the lifecycle. */
  observe(observations: readonly AlertObservation[], now: number): void;
  /** Every rule as it applies now (defaults with the admins' changes). */
  rules(): AlertRule[];
  rule(id: AlertRuleId): AlertRule;
  updateRule(input: UpdateAlertRuleInput, by: AlertActor): Promise<AlertRule>;
  list(input: ListAlertsInput): Promise<AlertView[]>;
  byId(id: string): Promise<AlertView>;
  acknowledge(input: AlertActionInput, by: AlertActor): Promise<AlertView>;
  resolve(input: AlertActionInput, by: AlertActor): Promise<AlertView>;
  /** Not-resolved alerts by severity (the bell). */
  counts(): AlertCounts;
  /** Not-resolved alerts, from memory (robots marked in the 3D view and sorted first). */
  unresolved(): AlertView[];
  /** Called with every changed alert. */
  onChange(listener: (a: AlertView) => void): () => void;
  /** Webhook deliveries, newest first (admins). */
  deliveries(limit: number): Promise<OutboxItem[]>;
  /** An alert as another process of the cluster changed and stored it: taken over here, not written again. */
  applyRemote(a: AlertView): void;
  stats(): AlertCenterStats;
}

export interface AlertCenterStats {
  open: number;
  acknowledged: number;
  opened: number;
  resolved: number;
  flaps: number;
  /** New alerts not opened because MAX_OPEN_ALERTS were open. */
  refused: number;
  /** Transitions waiting for the database (kept and retried while it is down). */
  pendingWrites: number;
  writeFailures: number;
}
