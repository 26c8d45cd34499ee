// The alerting vocabulary shared by the engine, the store, the API, the webhooks and the browser: what an alert
// is, its states and severities, and the inputs of alerts.* / alertRules.*. Pure; no I/O.
import { z } from 'zod';
import { robotIdSchema } from '../input-bounds';
import { ALERT_RULE_IDS, type AlertRuleId } from './rule-catalogue';

export const ALERT_SEVERITIES = ['info', 'warning', 'critical'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

/** open → acknowledged → resolved; open → resolved. A resolved alert never changes again. */
export const ALERT_STATES = ['open', 'acknowledged', 'resolved'] as const;
export type AlertState = (typeof ALERT_STATES)[number];

/** What an alert is about: one robot, or a part of the app (`database`, `broker`, `ingest`, `edge:<from>→<to>`). */
export type AlertSubject = { kind: 'robot'; robotId: number } | { kind: 'app'; key: string };

/** The stable text form of a subject, unique per (rule, subject) while an alert is not resolved. */
export function subjectKey(s: AlertSubject): string {
  return s.kind === 'robot' ? `robot:${s.robotId}` : `app:${s.key}`;
}

export interface AlertView {
  id: string;
  ruleId: AlertRuleId;
  severity: AlertSeverity;
  /** subjectKey(subject). */
  subject: string;
  /** The robot's id for a robot alert, null for the app's own. */
  robotId: number | null;
  /** One line a person reads first: "SIM-0007 stuck for 34 s while driving". */
  title: string;
  /** The figures that made the condition true (value, threshold, since…), bounded in size. */
  detail: Record<string, unknown>;
  state: AlertState;
  /** Epoch ms. */
  openedAt: number;
  acknowledgedBy: string | null;
  acknowledgedAt: number | null;
  acknowledgeNote: string | null;
  resolvedAt: number | null;
  /** A user's name, or `auto` when the condition cleared by itself. */
  resolvedBy: string | null;
  resolveNote: string | null;
  /** Times the condition cleared and came back while the alert was open (hysteresis kept it one alert). */
  flaps: number;
  /** Whether the condition holds right now (an acknowledged alert whose condition holds is still firing). */
  active: boolean;
  /** A trace that showed the trouble, where there is one. */
  traceId: string | null;
  /** Epoch ms of the last transition or flap. */
  updatedAt: number;
}

/** What happened to an alert, stored with who and when (the alert's timeline and the history's events). */
export const ALERT_TRANSITIONS = ['opened', 'acknowledged', 'resolved', 'escalated', 'flapped'] as const;
export type AlertTransition = (typeof ALERT_TRANSITIONS)[number];

export interface AlertTransitionRecord {
  alertId: string;
  transition: AlertTransition;
  at: number;
  /** A user's name, or `auto`. */
  by: string;
  note: string | null;
}

export const MAX_ALERT_NOTE_CHARS = 1_000;
const note = z.string().trim().max(MAX_ALERT_NOTE_CHARS, `a note is at most ${MAX_ALERT_NOTE_CHARS} characters`).optional();
export const alertIdSchema = z.string().uuid('not an alert id');

export const listAlertsInput = z
  .object({
    state: z.enum(ALERT_STATES).optional(),
    severity: z.enum(ALERT_SEVERITIES).optional(),
    rule: z.enum(ALERT_RULE_IDS).optional(),
    robotId: robotIdSchema.optional(),
    limit: z.number().int().min(1).max(500).default(200),
  })
  .default({ limit: 200 });
export type ListAlertsInput = z.infer<typeof listAlertsInput>;

export const alertActionInput = z.object({ id: alertIdSchema, note });
export type AlertActionInput = z.infer<typeof alertActionInput>;

/** Open (not resolved) alerts by severity: what the bell shows. */
export type AlertCounts = Record<AlertSeverity, number>;

/** Most alerts kept open at once; past it the lowest-severity new ones are counted as refused, never stored. */
export const MAX_OPEN_ALERTS = 10_000;
