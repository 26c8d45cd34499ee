'use client';
// The users page's filters: text (name or email), role, enabled or disabled.
import { ROLES } from '@/server/domain/identity/roles';
import { ListFilterForm } from '@/components/ui/ListFilterForm';
import type { SetListState } from '@/components/ui/use-list-state';
import { SelectFilter } from '@/components/ui/SelectFilter';
import { ENABLED_STATES, type UserListState } from './user-list';

export function UserFilters(p: { value: UserListState; onChange: SetListState<keyof UserListState>; filtered: boolean }) {
  return (
    <ListFilterForm
      className="admin-filters"
      label="Filter the users"
      search={{
        value: p.value.q,
        placeholder: 'name or email',
        testId: 'users-filter-text',
        onChange: (q) => p.onChange({ q }, 'replace'),
      }}
      filtered={p.filtered}
      onClear={() => p.onChange({ q: '', role: '', status: '' })}
    >
      <SelectFilter
        label="Role"
        value={p.value.role}
        onChange={(role) => p.onChange({ role })}
        anyLabel="Any role"
        options={ROLES}
        testId="users-filter-role"
      />
      <SelectFilter
        label="Status"
        value={p.value.status}
        onChange={(status) => p.onChange({ status })}
        anyLabel="Enabled or disabled"
        options={ENABLED_STATES}
        testId="users-filter-status"
      />
    </ListFilterForm>
  );
}
