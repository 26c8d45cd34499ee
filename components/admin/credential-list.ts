// The robot credentials page's filters and header sort as the URL holds them (?q=&status=&sort=&dir=) and the rows
// they leave, in order (pure).
import { type ListSpec, type ListState, matchesText, type SortDir, type SortValue, sortRows } from '@/components/ui/list-query';
import type { CredentialRowView } from './admin-types';
import { ENABLED_STATES } from './user-list';

export const CREDENTIAL_SORTS = ['username', 'manufacturer', 'serial', 'status', 'created'] as const;
type CredentialSort = (typeof CREDENTIAL_SORTS)[number];

export const CREDENTIAL_LIST: ListSpec<'q' | 'status' | 'sort' | 'dir'> = {
  defaults: { q: '', status: '', sort: '', dir: 'asc' },
  allowed: { status: ENABLED_STATES, sort: CREDENTIAL_SORTS },
};
export type CredentialListState = ListState<keyof typeof CREDENTIAL_LIST.defaults>;
export const CREDENTIAL_FILTERS = ['q', 'status'] as const;

export const CREDENTIAL_FIRST_DIR: Record<CredentialSort, SortDir> = {
  username: 'asc',
  manufacturer: 'asc',
  serial: 'asc',
  status: 'asc',
  created: 'desc',
};

const VALUE: Record<CredentialSort, (c: CredentialRowView) => SortValue> = {
  username: (c) => c.username,
  manufacturer: (c) => c.manufacturer,
  serial: (c) => c.serialNumber,
  status: (c) => (c.disabled ? 1 : 0),
  created: (c) => c.createdAt,
};

export function visibleCredentials(rows: readonly CredentialRowView[], s: CredentialListState): readonly CredentialRowView[] {
  const shown = rows.filter(
    (c) =>
      (s.status === '' || c.disabled === (s.status === 'disabled')) &&
      matchesText(`${c.username} ${c.manufacturer} ${c.serialNumber ?? ''} ${c.note ?? ''} ${c.createdBy}`, s.q),
  );
  const sort = CREDENTIAL_SORTS.find((k) => k === s.sort);
  return sort ? sortRows(shown, VALUE[sort], s.dir === 'desc' ? 'desc' : 'asc') : shown;
}
