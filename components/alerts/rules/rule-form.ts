// One rule's inline edit form (strings, as the inputs hold them) and the alertRules.update input it makes:
// only the fields that changed; a field that is not a number is named before anything is sent (pure).
import type { AlertSeverity } from '@/server/domain/alerts/alert';
import type { AlertRule, UpdateAlertRuleInput } from '@/server/domain/alerts/rule-catalogue';

export interface RuleForm {
  enabled: boolean;
  severity: AlertSeverity;
  threshold: string;
  criticalThreshold: string;
  forSec: string;
  clearSec: string;
  webhookUrl: string;
}

const text = (n: number | null) => (n === null ? '' : String(n));

export function formOf(r: AlertRule): RuleForm {
  return {
    enabled: r.enabled,
    severity: r.severity,
    threshold: text(r.threshold),
    criticalThreshold: text(r.criticalThreshold),
    forSec: String(r.forSec),
    clearSec: String(r.clearSec),
    webhookUrl: r.webhookUrl ?? '',
  };
}

type Parsed = { ok: true; value: number | null } | { ok: false };

/** '' → null where the rule may have no value; else a finite number. */
function parse(s: string, nullable: boolean): Parsed {
  const t = s.trim();
  if (t === '') return nullable ? { ok: true, value: null } : { ok: false };
  const n = Number(t);
  return Number.isFinite(n) ? { ok: true, value: n } : { ok: false };
}

export type RuleUpdate = { input: UpdateAlertRuleInput | null; error: null } | { input: null; error: string };

/** The update for the changed fields (input null when nothing changed), or what is wrong with the form. */
export function updateOf(rule: AlertRule, f: RuleForm): RuleUpdate {
  const input: UpdateAlertRuleInput = { id: rule.id };
  const errors: string[] = [];
  let changed = false;
  if (f.enabled !== rule.enabled) (input.enabled = f.enabled), (changed = true);
  if (f.severity !== rule.severity) (input.severity = f.severity), (changed = true);
  const numbers = [
    ['threshold', 'threshold', true],
    ['criticalThreshold', 'critical threshold', true],
    ['forSec', 'for (s)', false],
    ['clearSec', 'clear after (s)', false],
  ] as const;
  for (const [key, label, nullable] of numbers) {
    const p = parse(f[key], nullable);
    if (!p.ok) {
      errors.push(`${label}: ${nullable ? 'a number, or empty for none' : 'a whole number of seconds'}`);
      continue;
    }
    if (p.value === rule[key]) continue;
    if (key === 'forSec' || key === 'clearSec') input[key] = p.value ?? 0;
    else input[key] = p.value;
    changed = true;
  }
  const url = f.webhookUrl.trim() === '' ? null : f.webhookUrl.trim();
  if (url !== rule.webhookUrl) (input.webhookUrl = url), (changed = true);
  if (errors.length) return { input: null, error: errors.join('; ') };
  return { input: changed ? input : null, error: null };
}
