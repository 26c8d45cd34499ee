'use client';
// The robot credentials page's filters: text (username, manufacturer, serial number, note, creator) and status.
import { ListFilterForm } from '@/components/ui/ListFilterForm';
import type { SetListState } from '@/components/ui/use-list-state';
import { SelectFilter } from '@/components/ui/SelectFilter';
import type { CredentialListState } from './credential-list';
import { ENABLED_STATES } from './user-list';

export function CredentialFilters(p: { value: CredentialListState; onChange: SetListState<keyof CredentialListState>; filtered: boolean }) {
  return (
    <ListFilterForm
      className="admin-filters"
      label="Filter the robot credentials"
      search={{
        value: p.value.q,
        placeholder: 'username, manufacturer, serial',
        testId: 'credentials-filter-text',
        onChange: (q) => p.onChange({ q }, 'replace'),
      }}
      filtered={p.filtered}
      onClear={() => p.onChange({ q: '', status: '' })}
    >
      <SelectFilter
        label="Status"
        value={p.value.status}
        onChange={(status) => p.onChange({ status })}
        anyLabel="Enabled or disabled"
        options={ENABLED_STATES}
        testId="credentials-filter-status"
      />
    </ListFilterForm>
  );
}
