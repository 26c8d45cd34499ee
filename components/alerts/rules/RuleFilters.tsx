'use client';
// The alert rules page's filters: text (name, description, id), enabled or not, severity.
import { ALERT_SEVERITIES } from '@/server/domain/alerts/alert';
import { ListFilterForm } from '@/components/ui/ListFilterForm';
import type { SetListState } from '@/components/ui/use-list-state';
import { SelectFilter } from '@/components/ui/SelectFilter';
import { SEVERITY_TEXT } from '../alert-format';
import type { RuleListState } from './rule-list';

const ENABLED_TEXT = { yes: 'Enabled', no: 'Disabled' } as const;

export function RuleFilters(p: { value: RuleListState; onChange: SetListState<keyof RuleListState>; filtered: boolean }) {
  return (
    <ListFilterForm
      className="alert-filters"
      label="Filter the alert rules"
      search={{
        value: p.value.q,
        placeholder: 'name, description or id',
        testId: 'rules-filter-text',
        onChange: (q) => p.onChange({ q }, 'replace'),
      }}
      filtered={p.filtered}
      onClear={() => p.onChange({ q: '', enabled: '', severity: '' })}
    >
      <SelectFilter
        label="Enabled"
        value={p.value.enabled}
        onChange={(enabled) => p.onChange({ enabled })}
        anyLabel="Enabled or not"
        options={['yes', 'no'] as const}
        optionText={(v) => ENABLED_TEXT[v]}
        testId="rules-filter-enabled"
      />
      <SelectFilter
        label="Severity"
        value={p.value.severity}
        onChange={(severity) => p.onChange({ severity })}
        anyLabel="Any severity"
        options={[...ALERT_SEVERITIES].reverse()}
        optionText={(s) => SEVERITY_TEXT[s]}
        testId="rules-filter-severity"
      />
    </ListFilterForm>
  );
}
