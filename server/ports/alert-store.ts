// Where alerts, their transitions, rule settings and the webhook outbox are kept (implemented on Drizzle in
// server/adapters/storage/alert-store.ts, on both PGlite and Postgres).
import type { AlertTransitionRecord, AlertView, ListAlertsInput } from '../domain/alerts/alert';
import type { AlertRule } from '../domain/alerts/rule-catalogue';
import type { AlertWebhookBody } from '../domain/alerts/webhook-body';

export interface OutboxNotification {
  /** The delivery id (uuid), also the body's `id`. */
  id: string;
  url: string;
  body: AlertWebhookBody;
}

export interface AlertChange {
  /** The alert as it is after the transition (inserted when new, else updated). */
  alert: AlertView;
  transition: AlertTransitionRecord;
  /** Webhook notifications this transition causes; stored in the same transaction, so none is lost. */
  notifications: OutboxNotification[];
}

export interface AlertStore {
  /** Alerts not resolved: the engine resumes them after a restart instead of opening duplicates. */
  loadUnresolved(): Promise<AlertView[]>;
  /** Rules an admin has changed (the rest keep their defaults). */
  loadRules(): Promise<AlertRule[]>;
  saveRule(rule: AlertRule): Promise<void>;
  /** One transaction: the alert row, its transition and its notifications. Applying the same change twice (a retry
   * after a lost answer) leaves one transition and one notification of each id. */
  apply(change: AlertChange): Promise<void>;
  /** Newest first, by the filters. */
  list(input: ListAlertsInput): Promise<AlertView[]>;
  byId(id: string): Promise<AlertView | null>;
  /** Oldest first. */
  transitions(alertId: string): Promise<AlertTransitionRecord[]>;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface OutboxItem extends OutboxNotification {
  status: DeliveryStatus;
  attempts: number;
  createdAt: number;
  /** When it may be tried next (pending only). */
  nextAttemptAt: number;
  deliveredAt: number | null;
  /** The last attempt's error or HTTP status text. */
  lastError: string | null;
}

export interface AlertOutbox {
  /** Pending notifications whose next attempt is due, oldest first. */
  due(now: number, limit: number): Promise<OutboxItem[]>;
  delivered(id: string, at: number): Promise<void>;
  /** Records a failed attempt; `giveUp` marks it failed for good (still listed for admins). */
  retryLater(id: string, attempt: { at: number; error: string; nextAttemptAt: number; giveUp: boolean }): Promise<void>;
  /** Newest first, for the admins' delivery list. */
  recent(limit: number): Promise<OutboxItem[]>;
  counts(): Promise<Record<DeliveryStatus, number>>;
}
