// The /alerts page's view state as the URL holds it (?state=&severity=&rule=&robot=&sort=&dir=), its translation
// to a filter, and the order of the rows when a column header sorts them (pure).
import { ALERT_SEVERITIES, type AlertSeverity, type AlertView } from '@/server/domain/alerts/alert';
import { ALERT_RULE_IDS, type AlertRuleId } from '@/server/domain/alerts/rule-catalogue';
import { isFiltered, type ListSpec, type ListState, type SortDir, type SortValue, sortRows } from '@/components/ui/list-query';
import { ruleName } from './alert-format';
import { ALERT_TABS, type AlertFilter, type AlertTab, severityRank } from './alert-merge';

/** Sortable columns; no sort (the default) keeps the tab's own order: most severe then newest, or newest. */
export const ALERT_SORTS = ['severity', 'title', 'rule', 'robot', 'opened', 'state', 'acknowledged', 'flaps'] as const;
export type AlertSort = (typeof ALERT_SORTS)[number];

export const ALERT_LIST: ListSpec<'state' | 'severity' | 'rule' | 'robot' | 'sort' | 'dir'> = {
  defaults: { state: 'active', severity: '', rule: '', robot: '', sort: '', dir: 'asc' },
  allowed: { state: ALERT_TABS, severity: ALERT_SEVERITIES, rule: ALERT_RULE_IDS, sort: ALERT_SORTS },
};
export type AlertFilterForm = ListState<keyof typeof ALERT_LIST.defaults>;
export const EMPTY_ALERT_FILTER: AlertFilterForm = { ...ALERT_LIST.defaults };

export function toAlertFilter(f: AlertFilterForm): AlertFilter {
  const tab = (ALERT_TABS as readonly string[]).includes(f.state) ? (f.state as AlertTab) : 'active';
  const out: AlertFilter = { tab };
  if ((ALERT_SEVERITIES as readonly string[]).includes(f.severity)) out.severity = f.severity as AlertSeverity;
  if ((ALERT_RULE_IDS as readonly string[]).includes(f.rule)) out.rule = f.rule as AlertRuleId;
  const robotId = Number(f.robot);
  if (f.robot && Number.isInteger(robotId) && robotId > 0) out.robotId = robotId;
  return out;
}

export const isAlertFiltered = (f: AlertFilterForm) => isFiltered(f, ALERT_LIST, ['severity', 'rule', 'robot']);

/** A header's first direction: the most severe, newest, most flapping first; names A → Z. */
export const ALERT_FIRST_DIR: Record<AlertSort, SortDir> = {
  severity: 'desc',
  title: 'asc',
  rule: 'asc',
  robot: 'asc',
  opened: 'desc',
  state: 'asc',
  acknowledged: 'desc',
  flaps: 'desc',
};

const STATE_ORDER = { open: 0, acknowledged: 1, resolved: 2 } as const;

/** The rows in the header sort's order; `serial` names a robot id (its serial number sorts, not the id). */
export function sortAlerts(
  rows: readonly AlertView[],
  f: AlertFilterForm,
  serial: (robotId: number) => string | undefined,
): readonly AlertView[] {
  const sort = ALERT_SORTS.find((s) => s === f.sort);
  if (!sort) return rows;
  const value: Record<AlertSort, (a: AlertView) => SortValue> = {
    severity: (a) => severityRank(a.severity),
    title: (a) => a.title,
    rule: (a) => ruleName(a.ruleId),
    robot: (a) => (a.robotId === null ? a.subject : (serial(a.robotId) ?? `#${a.robotId}`)),
    opened: (a) => a.openedAt,
    state: (a) => STATE_ORDER[a.state],
    acknowledged: (a) => a.acknowledgedAt,
    flaps: (a) => a.flaps,
  };
  return sortRows(rows, value[sort], f.dir === 'desc' ? 'desc' : 'asc');
}
