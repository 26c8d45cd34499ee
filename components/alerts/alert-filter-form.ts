// The /alerts filter bar's form state (strings, as the selects hold them) and its translation to a filter (pure).
import { ALERT_SEVERITIES, type AlertSeverity } from '@/server/domain/alerts/alert';
import { ALERT_RULE_IDS, type AlertRuleId } from '@/server/domain/alerts/rule-catalogue';
import { ALERT_TABS, type AlertFilter, type AlertTab } from './alert-merge';

export interface AlertFilterForm {
  tab: AlertTab;
  severity: string;
  rule: string;
  robot: string;
}

export const EMPTY_ALERT_FILTER: AlertFilterForm = { tab: 'active', severity: '', rule: '', robot: '' };

export function toAlertFilter(f: AlertFilterForm): AlertFilter {
  const out: AlertFilter = { tab: f.tab };
  if ((ALERT_SEVERITIES as readonly string[]).includes(f.severity)) out.severity = f.severity as AlertSeverity;
  if ((ALERT_RULE_IDS as readonly string[]).includes(f.rule)) out.rule = f.rule as AlertRuleId;
  const robotId = Number(f.robot);
  if (f.robot && Number.isInteger(robotId) && robotId > 0) out.robotId = robotId;
  return out;
}

/** The form from the URL (?state=&severity=&rule=&robot=), e.g. a robot's "its alerts" link. */
export function alertFormFromQuery(get: (k: string) => string | null): AlertFilterForm {
  const state = get('state') ?? '';
  return {
    tab: (ALERT_TABS as readonly string[]).includes(state) ? (state as AlertTab) : 'active',
    severity: get('severity') ?? '',
    rule: get('rule') ?? '',
    robot: get('robot') ?? '',
  };
}

export const isAlertFiltered = (f: AlertFilterForm) => f.severity !== '' || f.rule !== '' || f.robot !== '';
