// The users page's filters and header sort as the URL holds them (?q=&role=&status=&sort=&dir=) and the rows they
// leave, in order (pure).
import { ROLES } from '@/server/domain/identity/roles';
import { type ListSpec, type ListState, matchesText, type SortDir, type SortValue, sortRows } from '@/components/ui/list-query';
import type { UserRowView } from './admin-types';

export const USER_SORTS = ['user', 'role', 'status', 'created', 'updated'] as const;
type UserSort = (typeof USER_SORTS)[number];
export const ENABLED_STATES = ['enabled', 'disabled'] as const;

export const USER_LIST: ListSpec<'q' | 'role' | 'status' | 'sort' | 'dir'> = {
  defaults: { q: '', role: '', status: '', sort: '', dir: 'asc' },
  allowed: { role: ROLES, status: ENABLED_STATES, sort: USER_SORTS },
};
export type UserListState = ListState<keyof typeof USER_LIST.defaults>;
export const USER_FILTERS = ['q', 'role', 'status'] as const;

export const USER_FIRST_DIR: Record<UserSort, SortDir> = { user: 'asc', role: 'asc', status: 'asc', created: 'desc', updated: 'desc' };

const VALUE: Record<UserSort, (u: UserRowView) => SortValue> = {
  user: (u) => u.name || u.email,
  // Least to most power, as ROLES lists them.
  role: (u) => ROLES.indexOf(u.role),
  status: (u) => (u.disabled ? 1 : 0),
  created: (u) => u.createdAt,
  updated: (u) => u.updatedAt,
};

export function visibleUsers(users: readonly UserRowView[], s: UserListState): readonly UserRowView[] {
  const shown = users.filter(
    (u) =>
      (s.role === '' || u.role === s.role) &&
      (s.status === '' || u.disabled === (s.status === 'disabled')) &&
      matchesText(`${u.name} ${u.email}`, s.q),
  );
  const sort = USER_SORTS.find((k) => k === s.sort);
  return sort ? sortRows(shown, VALUE[sort], s.dir === 'desc' ? 'desc' : 'asc') : shown;
}
