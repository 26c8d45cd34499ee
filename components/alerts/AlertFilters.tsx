'use client';
// The /alerts page's state tabs (active, open, acknowledged, resolved, all) and filters by severity, rule, robot.
// Each choice is a history entry (onChange pushes it into the URL), so Back undoes it.
import { ALERT_SEVERITIES } from '@/server/domain/alerts/alert';
import { useFleetStore } from '@/components/realtime/fleet-store';
import { SelectFilter } from '@/components/ui/SelectFilter';
import { RULE_IDS, ruleName, SEVERITY_TEXT } from './alert-format';
import { ALERT_TABS, type AlertTab } from './alert-merge';
import { EMPTY_ALERT_FILTER, isAlertFiltered, type AlertFilterForm } from './alert-filter-form';

type Patch = Partial<AlertFilterForm>;

const TAB_TEXT: Record<AlertTab, string> = {
  active: 'Active',
  open: 'Open',
  acknowledged: 'Acknowledged',
  resolved: 'Resolved',
  all: 'All',
};
const TAB_HINT: Record<AlertTab, string> = {
  active: 'Open and acknowledged: every alert not resolved',
  open: 'Not acknowledged yet',
  acknowledged: 'Someone is on it; not resolved yet',
  resolved: 'Cleared by themselves or resolved by hand',
  all: 'Every state',
};

export function AlertFilters({ value, onChange }: { value: AlertFilterForm; onChange(patch: Patch): void }) {
  const ids = useFleetStore((s) => s.ids);
  const robots = useFleetStore((s) => s.robots);
  const set = (k: 'severity' | 'rule' | 'robot') => (v: string) => onChange({ [k]: v });
  return (
    <>
      <div className="alert-tabs" role="tablist" aria-label="Alert state">
        {ALERT_TABS.map((t) => (
          <button
            key={t}
            type="button"
            role="tab"
            aria-selected={value.state === t}
            title={TAB_HINT[t]}
            data-testid={`alert-tab-${t}`}
            onClick={() => onChange({ state: t })}
          >
            {TAB_TEXT[t]}
          </button>
        ))}
      </div>
      <form className="alert-filters" aria-label="Filter alerts" onSubmit={(e) => e.preventDefault()}>
        <SelectFilter
          label="Severity"
          value={value.severity}
          onChange={set('severity')}
          anyLabel="Any severity"
          options={[...ALERT_SEVERITIES].reverse()}
          optionText={(s) => SEVERITY_TEXT[s]}
          testId="alert-filter-severity"
        />
        <SelectFilter
          label="Rule"
          value={value.rule}
          onChange={set('rule')}
          anyLabel="Any rule"
          options={RULE_IDS}
          optionText={ruleName}
          testId="alert-filter-rule"
        />
        <SelectFilter
          label="Robot"
          value={value.robot}
          onChange={set('robot')}
          anyLabel="All robots"
          extra={value.robot && !ids.includes(Number(value.robot)) ? <option value={value.robot}>#{value.robot}</option> : null}
          options={ids.map(String)}
          optionText={(id) => robots[Number(id)]?.serialNumber ?? `#${id}`}
          testId="alert-filter-robot"
        />
        {isAlertFiltered(value) ? (
          <button
            type="button"
            className="small-button"
            onClick={() =>
              onChange({ severity: EMPTY_ALERT_FILTER.severity, rule: EMPTY_ALERT_FILTER.rule, robot: EMPTY_ALERT_FILTER.robot })
            }
          >
            Clear filters
          </button>
        ) : null}
      </form>
    </>
  );
}
