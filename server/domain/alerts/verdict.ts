// What a rule's condition says about one subject at one instant, and the helpers the conditions share. The engine
// turns a verdict into an AlertObservation; the center applies forSec/clearSec. Pure.
import type { AlertSeverity } from './alert';
import { DEFAULT_RULES, type AlertRule } from './rule-catalogue';

export type Verdict =
  | { active: false }
  | {
      active: true;
      severity: AlertSeverity;
      /** The line a person reads first, naming the robot or the part of the app. */
      title: string;
      /** The figures that made it true (value, threshold, since…): a few fields, never a whole message. */
      detail: Record<string, unknown>;
      traceId?: string | null;
    };

/** The rule's fields a condition reads. */
export type RuleParams = Pick<AlertRule, 'id' | 'severity' | 'threshold' | 'criticalThreshold' | 'forSec'>;

export const CLEAR: Verdict = { active: false };

export function firing(rule: RuleParams, title: string, detail: Record<string, unknown>, severity = rule.severity): Verdict {
  return { active: true, severity, title, detail };
}

/** The rule's threshold; an admin's null falls back to the shipped default (a rule with a threshold needs one). */
export function thresholdOf(rule: RuleParams): number {
  return rule.threshold ?? DEFAULT_RULES[rule.id].threshold ?? 0;
}

/** Critical when the value is below the critical threshold (battery, localisation), else the rule's severity. */
export function severityBelow(rule: RuleParams, value: number): AlertSeverity {
  return rule.criticalThreshold !== null && value < rule.criticalThreshold ? 'critical' : rule.severity;
}

/** Critical when the value is above the critical threshold (rates, latency, backlog), else the rule's severity. */
export function severityAbove(rule: RuleParams, value: number): AlertSeverity {
  return rule.criticalThreshold !== null && value > rule.criticalThreshold ? 'critical' : rule.severity;
}

/** Whole seconds between two epoch-ms instants, never negative. */
export const secondsBetween = (from: number, to: number): number => Math.max(0, Math.round((to - from) / 1000));

/** A figure for a title: at most one decimal, no trailing zero. */
export const fmt = (n: number): string => String(Math.round(n * 10) / 10);
