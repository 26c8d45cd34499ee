// The rules as they apply now: the shipped defaults with the admins' stored changes on top. An update is
// validated as a whole (a critical battery threshold above the warning one would never warn first) and stored
// before it takes effect.
import { AlertRuleInvalidError } from '../../domain/alerts/alert-errors';
import {
  ALERT_RULE_IDS,
  defaultRule,
  type AlertRule,
  type AlertRuleId,
  type UpdateAlertRuleInput,
} from '../../domain/alerts/rule-catalogue';
import type { AlertStore } from '../../ports/alert-store';

/** Rules whose critical threshold lies below the main one (a low value is the trouble). */
const LOW_IS_BAD: ReadonlySet<AlertRuleId> = new Set(['robot.battery_low', 'robot.localization_low']);

export function checkRule(r: AlertRule): AlertRule {
  const d = defaultRule(r.id);
  if (d.threshold !== null && r.threshold === null) throw new AlertRuleInvalidError(`${r.name}: the threshold cannot be empty`);
  if (d.threshold === null && r.threshold !== null) throw new AlertRuleInvalidError(`${r.name} has no threshold`);
  if (d.criticalThreshold === null && r.criticalThreshold !== null) throw new AlertRuleInvalidError(`${r.name} has no critical threshold`);
  if (r.threshold !== null && r.criticalThreshold !== null) {
    const wrongSide = LOW_IS_BAD.has(r.id) ? r.criticalThreshold > r.threshold : r.criticalThreshold < r.threshold;
    if (wrongSide)
      throw new AlertRuleInvalidError(
        `${r.name}: the critical threshold (${r.criticalThreshold}) must be ${LOW_IS_BAD.has(r.id) ? 'at or below' : 'at or above'} the warning one (${r.threshold})`,
      );
  }
  return r;
}

export async function loadRuleBook(store: Pick<AlertStore, 'loadRules' | 'saveRule'>, now: () => number) {
  const rules = new Map<AlertRuleId, AlertRule>(ALERT_RULE_IDS.map((id) => [id, defaultRule(id)]));
  for (const stored of await store.loadRules()) {
    if (!rules.has(stored.id)) continue; // a rule this version no longer ships
    const d = defaultRule(stored.id);
    // Names, descriptions and units are the code's; the editable fields are the admins'.
    rules.set(stored.id, { ...stored, name: d.name, description: d.description, unit: d.unit });
  }
  return {
    all: () => ALERT_RULE_IDS.map((id) => rules.get(id)!),
    get: (id: AlertRuleId) => rules.get(id)!,
    async update(input: UpdateAlertRuleInput, by: string): Promise<{ before: AlertRule; after: AlertRule }> {
      const before = rules.get(input.id)!;
      const { id: _id, ...changes } = input;
      const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
      const after = checkRule({ ...before, ...defined, updatedAt: now(), updatedBy: by });
      await store.saveRule(after);
      rules.set(after.id, after);
      return { before, after };
    },
  };
}

export type RuleBook = Awaited<ReturnType<typeof loadRuleBook>>;
