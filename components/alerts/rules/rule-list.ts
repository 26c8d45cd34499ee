// The alert rules page's filters and header sort as the URL holds them (?q=&enabled=&severity=&sort=&dir=) and
// the rows they leave, in order (pure).
import { ALERT_SEVERITIES } from '@/server/domain/alerts/alert';
import type { AlertRule } from '@/server/domain/alerts/rule-catalogue';
import { type ListSpec, type ListState, matchesText, type SortDir, type SortValue, sortRows } from '@/components/ui/list-query';
import { severityRank } from '../alert-merge';

export const RULE_SORTS = ['name', 'enabled', 'severity', 'forSec', 'clearSec'] as const;
type RuleSort = (typeof RULE_SORTS)[number];

export const RULE_LIST: ListSpec<'q' | 'enabled' | 'severity' | 'sort' | 'dir'> = {
  defaults: { q: '', enabled: '', severity: '', sort: '', dir: 'asc' },
  allowed: { enabled: ['yes', 'no'], severity: ALERT_SEVERITIES, sort: RULE_SORTS },
};
export type RuleListState = ListState<keyof typeof RULE_LIST.defaults>;
export const RULE_FILTERS = ['q', 'enabled', 'severity'] as const;

export const RULE_FIRST_DIR: Record<RuleSort, SortDir> = { name: 'asc', enabled: 'desc', severity: 'desc', forSec: 'asc', clearSec: 'asc' };

const VALUE: Record<RuleSort, (r: AlertRule) => SortValue> = {
  name: (r) => r.name,
  enabled: (r) => (r.enabled ? 1 : 0),
  severity: (r) => severityRank(r.severity),
  forSec: (r) => r.forSec,
  clearSec: (r) => r.clearSec,
};

/** The rules the filters leave, in the header sort's order (no sort: the catalogue's order). */
export function visibleRules(rules: readonly AlertRule[], s: RuleListState): readonly AlertRule[] {
  const shown = rules.filter(
    (r) =>
      (s.enabled === '' || r.enabled === (s.enabled === 'yes')) &&
      (s.severity === '' || r.severity === s.severity) &&
      matchesText(`${r.name} ${r.description} ${r.id}`, s.q),
  );
  const sort = RULE_SORTS.find((k) => k === s.sort);
  return sort ? sortRows(shown, VALUE[sort], s.dir === 'desc' ? 'desc' : 'asc') : shown;
}
