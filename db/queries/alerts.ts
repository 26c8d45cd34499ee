// Alerts, their transitions and the admins' rule overrides. A change is ONE statement (data-modifying CTEs: the
// alert row, its transition, its webhook notifications and the robot's timeline event): atomic on Postgres and on
// the embedded PGlite, whose proxy driver has no transactions.
import { type SQL, sql } from 'drizzle-orm';
import type {
  AlertSeverity,
  AlertState,
  AlertTransition,
  AlertTransitionRecord,
  AlertView,
  ListAlertsInput,
} from '../../server/domain/alerts/alert';
import { ALERT_RULE_IDS, type AlertRule, type AlertRuleId, defaultRule } from '../../server/domain/alerts/rule-catalogue';
import type { AlertWebhookBody } from '../../server/domain/alerts/webhook-body';
import type { Db } from '../client';
import { pgJson } from '../pg-safe';
import { textArray } from './pg-array';

type Row = Record<string, unknown>;

const ms = (col: string) => sql.raw(`(extract(epoch from ${col}) * 1000)::float8`);
const at = (t: number | null) => sql`to_timestamp(${t}::float8 / 1000.0)`;
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const json = (v: unknown): unknown => (typeof v === 'string' ? JSON.parse(v) : v);

const ALERT_COLUMNS = sql`id, rule_id, severity, subject, robot_id, title, detail, state, ${ms('opened_at')} as opened_at,
  acknowledged_by, ${ms('acknowledged_at')} as acknowledged_at, acknowledge_note, ${ms('resolved_at')} as resolved_at, resolved_by,
  resolve_note, flaps, active, trace_id, ${ms('updated_at')} as updated_at`;

function toAlert(r: Row): AlertView {
  return {
    id: String(r.id),
    ruleId: r.rule_id as AlertRuleId,
    severity: r.severity as AlertSeverity,
    subject: String(r.subject),
    robotId: num(r.robot_id),
    title: String(r.title),
    detail: (json(r.detail) ?? {}) as Record<string, unknown>,
    state: r.state as AlertState,
    openedAt: Number(r.opened_at),
    acknowledgedBy: str(r.acknowledged_by),
    acknowledgedAt: num(r.acknowledged_at),
    acknowledgeNote: str(r.acknowledge_note),
    resolvedAt: num(r.resolved_at),
    resolvedBy: str(r.resolved_by),
    resolveNote: str(r.resolve_note),
    flaps: Number(r.flaps),
    active: r.active === true || r.active === 't',
    traceId: str(r.trace_id),
    updatedAt: Number(r.updated_at),
  };
}

export interface AlertNotificationRow {
  /** The delivery id (uuid). */
  id: string;
  url: string;
  body: AlertWebhookBody;
}

export interface ApplyAlertChangeParams {
  alert: AlertView;
  transition: AlertTransitionRecord;
  notifications: readonly AlertNotificationRow[];
}

/** What the statement did: whether the alert row was written, and whether the transition was new (not a retry). */
export interface ApplyAlertChangeResult {
  written: boolean;
  recorded: boolean;
}

/**
 * Writes one transition of an alert: the row (inserted on `opened`, else updated), the transition, the webhook
 * notifications and, for a robot's alert, a `robot_events` row `alert_<transition>` on the robot's timeline.
 * A resolved alert is never changed again (a late or repeated change writes nothing). The transition is unique per
 * (alert, transition, at), and the notifications and timeline event are written only with a new transition, so
 * applying the same change twice adds nothing the second time. A second unresolved alert for one (rule, subject)
 * is refused by the database (unique violation, 23505).
 */
export async function applyAlertChange(db: Db, p: ApplyAlertChangeParams): Promise<ApplyAlertChangeResult> {
  const a = p.alert;
  const tr = p.transition;
  const row = sql`${a.severity}, ${a.title}, ${pgJson(a.detail)}::jsonb, ${a.state}, ${a.acknowledgedBy}, ${at(a.acknowledgedAt)},
    ${a.acknowledgeNote}, ${at(a.resolvedAt)}, ${a.resolvedBy}, ${a.resolveNote}, ${a.flaps}::int, ${a.active}::boolean, ${a.traceId},
    ${at(a.updatedAt)}`;
  const write: SQL =
    tr.transition === 'opened'
      ? sql`insert into alerts as x (id, rule_id, subject, robot_id, opened_at, severity, title, detail, state, acknowledged_by,
            acknowledged_at, acknowledge_note, resolved_at, resolved_by, resolve_note, flaps, active, trace_id, updated_at)
          values (${a.id}, ${a.ruleId}, ${a.subject}, ${a.robotId}::int, ${at(a.openedAt)}, ${row})
          on conflict (id) do update set (severity, title, detail, state, acknowledged_by, acknowledged_at, acknowledge_note,
            resolved_at, resolved_by, resolve_note, flaps, active, trace_id, updated_at)
            = (excluded.severity, excluded.title, excluded.detail, excluded.state, excluded.acknowledged_by, excluded.acknowledged_at,
              excluded.acknowledge_note, excluded.resolved_at, excluded.resolved_by, excluded.resolve_note, excluded.flaps,
              excluded.active, excluded.trace_id, excluded.updated_at)
          where x.state <> 'resolved'
          returning x.id, x.robot_id`
      : sql`update alerts set (severity, title, detail, state, acknowledged_by, acknowledged_at, acknowledge_note, resolved_at,
            resolved_by, resolve_note, flaps, active, trace_id, updated_at) = (${row})
          where id = ${a.id} and state <> 'resolved'
          returning id, robot_id`;
  const kind = `alert_${tr.transition}`;
  const event = { alertId: a.id, ruleId: a.ruleId, severity: a.severity, title: a.title, by: tr.by, note: tr.note };
  const n = p.notifications;
  const rows = await db.rows<{ written: number; recorded: number }>(sql`
    with a as (${write}),
    t as (
      insert into alert_transitions (alert_id, transition, at, by, note)
      select a.id, ${tr.transition}, ${at(tr.at)}, ${tr.by}, ${tr.note} from a
      on conflict (alert_id, transition, at) do nothing
      returning alert_id
    ),
    n as (
      insert into alert_outbox (id, alert_id, url, body, status, attempts, created_at, next_attempt_at)
      select v.id::uuid, t.alert_id, v.url, v.body::jsonb, 'pending', 0, ${at(tr.at)}, ${at(tr.at)}
      from t cross join unnest(${textArray(n.map((x) => x.id))}::text[], ${textArray(n.map((x) => x.url))}::text[],
        ${textArray(n.map((x) => pgJson(x.body)))}::text[]) as v(id, url, body)
      on conflict (id) do nothing
    ),
    e as (
      insert into robot_events (robot_id, ts, kind, detail)
      select a.robot_id, ${at(tr.at)}, ${kind}, ${pgJson(event)}::jsonb from a cross join t where a.robot_id is not null
    )
    select (select count(*) from a)::int as written, (select count(*) from t)::int as recorded`);
  return { written: Number(rows[0]?.written ?? 0) > 0, recorded: Number(rows[0]?.recorded ?? 0) > 0 };
}

export async function getAlert(db: Db, id: string): Promise<AlertView | null> {
  const rows = await db.rows<Row>(sql`select ${ALERT_COLUMNS} from alerts where id = ${id}::uuid`);
  return rows[0] ? toAlert(rows[0]) : null;
}

/** Every alert not resolved, oldest first (the engine resumes them after a restart). */
export async function unresolvedAlerts(db: Db): Promise<AlertView[]> {
  const rows = await db.rows<Row>(sql`select ${ALERT_COLUMNS} from alerts where state <> 'resolved' order by opened_at, id`);
  return rows.map(toAlert);
}

/** Newest first, by the filters. */
export async function listAlerts(db: Db, input: Partial<ListAlertsInput>): Promise<AlertView[]> {
  const where: SQL[] = [sql`true`];
  if (input.state) where.push(sql`state = ${input.state}`);
  if (input.severity) where.push(sql`severity = ${input.severity}`);
  if (input.rule) where.push(sql`rule_id = ${input.rule}`);
  if (input.robotId !== undefined) where.push(sql`robot_id = ${input.robotId}::int`);
  const rows = await db.rows<Row>(sql`
    select ${ALERT_COLUMNS} from alerts where ${sql.join(where, sql` and `)}
    order by opened_at desc nulls last, id desc limit ${input.limit ?? 200}`);
  return rows.map(toAlert);
}

/** An alert's transitions, oldest first. */
export async function alertTransitions(db: Db, alertId: string): Promise<AlertTransitionRecord[]> {
  const rows = await db.rows<Row>(sql`
    select alert_id, transition, ${ms('at')} as at, by, note from alert_transitions where alert_id = ${alertId}::uuid order by at, id`);
  return rows.map((r) => ({
    alertId: String(r.alert_id),
    transition: r.transition as AlertTransition,
    at: Number(r.at),
    by: String(r.by),
    note: str(r.note),
  }));
}

/** The rules an admin has changed, with their fixed parts (name, description, unit) from the catalogue. Rows of
 * rules the app no longer ships are left out. */
export async function storedAlertRules(db: Db): Promise<AlertRule[]> {
  const rows = await db.rows<Row>(sql`
    select rule_id, enabled, severity, threshold, critical_threshold, for_sec, clear_sec, webhook_url,
      ${ms('updated_at')} as updated_at, updated_by from alert_rules order by rule_id`);
  const known = new Set<string>(ALERT_RULE_IDS);
  return rows
    .filter((r) => known.has(String(r.rule_id)))
    .map((r) => ({
      ...defaultRule(r.rule_id as AlertRuleId),
      enabled: r.enabled === true || r.enabled === 't',
      severity: r.severity as AlertSeverity,
      threshold: num(r.threshold),
      criticalThreshold: num(r.critical_threshold),
      forSec: Number(r.for_sec),
      clearSec: Number(r.clear_sec),
      webhookUrl: str(r.webhook_url),
      updatedAt: num(r.updated_at),
      updatedBy: str(r.updated_by),
    }));
}

/** Stores a rule's editable fields (the whole rule as it now applies). */
export async function saveAlertRule(db: Db, rule: AlertRule): Promise<void> {
  await db.rows(sql`
    insert into alert_rules (rule_id, enabled, severity, threshold, critical_threshold, for_sec, clear_sec, webhook_url, updated_at, updated_by)
    values (${rule.id}, ${rule.enabled}::boolean, ${rule.severity}, ${rule.threshold}::float8, ${rule.criticalThreshold}::float8,
      ${rule.forSec}::int, ${rule.clearSec}::int, ${rule.webhookUrl}, ${at(rule.updatedAt ?? Date.now())}, ${rule.updatedBy ?? 'unknown'})
    on conflict (rule_id) do update set (enabled, severity, threshold, critical_threshold, for_sec, clear_sec, webhook_url, updated_at, updated_by)
      = (excluded.enabled, excluded.severity, excluded.threshold, excluded.critical_threshold, excluded.for_sec, excluded.clear_sec,
        excluded.webhook_url, excluded.updated_at, excluded.updated_by)`);
}
