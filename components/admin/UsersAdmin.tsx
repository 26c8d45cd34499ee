'use client';
// /admin/users: every account with its role and state; add users, change roles, disable or enable them and reset
// passwords. Disabling or resetting signs the user out at once (their open pages land on the login page); a role
// change applies to their open pages as well. Filters and the header sort live in the URL. One outcome shows at a
// time: a new action clears the last one's message.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Fragment, useMemo, useState } from 'react';
import type { Role } from '@/server/domain/identity/roles';
import { useMe } from '@/components/auth/use-me';
import { ConfirmDialog } from '@/components/ui/ConfirmDialog';
import { useTRPC } from '@/components/trpc/trpc-context';
import { isFiltered, nextSort } from '@/components/ui/list-query';
import { SortableTable, type SortColumn } from '@/components/ui/SortableTable';
import { useListState } from '@/components/ui/use-list-state';
import { ACTIONS_COLUMN } from '@/components/ui/DataTable';
import { TableState } from '@/components/ui/TableState';
import { ActionResult } from './ActionResult';
import type { UserRowView } from './admin-types';
import { CreateUserForm, ROLE_HINT } from './CreateUserForm';
import { errorText } from './error-text';
import { ResetPasswordRow } from './ResetPasswordRow';
import { useActionFeedback } from './use-action-feedback';
import { USER_FILTERS, USER_FIRST_DIR, USER_LIST, USER_SORTS, visibleUsers } from './user-list';
import { UserFilters } from './UserFilters';
import { UserRow } from './UserRow';

type Pending = { kind: 'role'; user: UserRowView; role: Role } | { kind: 'disable'; user: UserRowView } | null;
const COLUMNS: readonly SortColumn[] = [
  { label: 'User', sortKey: 'user' },
  { label: 'Role', sortKey: 'role' },
  { label: 'Status', sortKey: 'status' },
  { label: 'Created', sortKey: 'created', title: 'Local date and time' },
  { label: 'Updated', sortKey: 'updated', title: 'Local date and time' },
  ACTIONS_COLUMN,
];

export function UsersAdmin() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { me } = useMe();
  const users = useQuery({ ...trpc.users.list.queryOptions(), staleTime: 0 });
  const update = useMutation(
    trpc.users.update.mutationOptions({ onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.users.list.queryKey() }) }),
  );
  const [pending, setPending] = useState<Pending>(null);
  const [resetFor, setResetFor] = useState<string | null>(null);
  const feedback = useActionFeedback();
  const [list, setList] = useListState(USER_LIST);
  const shown = useMemo(() => (users.data ? visibleUsers(users.data, list) : undefined), [users.data, list]);
  const filtered = isFiltered(list, USER_LIST, USER_FILTERS);
  const onSort = (key: string) => setList(nextSort(list, key, USER_FIRST_DIR[USER_SORTS.find((k) => k === key) ?? 'user']));

  const run = (input: Parameters<typeof update.mutate>[0], done: string) => {
    feedback.start();
    update.mutate(input, { onSuccess: () => feedback.succeed(done), onError: (e) => feedback.fail('table', e) });
  };
  const confirmPending = () => {
    if (!pending) return;
    if (pending.kind === 'role') run({ id: pending.user.id, role: pending.role }, `${pending.user.email} is now ${pending.role}.`);
    else run({ id: pending.user.id, disabled: true }, `${pending.user.email} is disabled and signed out everywhere.`);
    setPending(null);
  };

  const body = (
    <TableState
      testId="users"
      pending={users.isPending}
      failure={users.error ? errorText(users.error) : null}
      retry={() => void users.refetch()}
      rows={shown}
      titles={{
        loading: 'Loading users…',
        failed: 'Could not load the users',
        empty: filtered ? 'No user matches the filters' : 'No users yet',
      }}
    >
      {(rows) => (
        <SortableTable
          className="admin-table"
          testId="users-table"
          columns={COLUMNS}
          sort={list.sort}
          dir={list.dir === 'desc' ? 'desc' : 'asc'}
          onSort={onSort}
        >
          {rows.map((u) => (
            <Fragment key={u.id}>
              <UserRow
                user={u}
                isMe={u.id === me?.id}
                busy={update.isPending}
                resetOpen={resetFor === u.id}
                onRole={(role) => role !== u.role && setPending({ kind: 'role', user: u, role })}
                onToggleDisabled={() =>
                  u.disabled ? run({ id: u.id, disabled: false }, `${u.email} is enabled again.`) : setPending({ kind: 'disable', user: u })
                }
                onReset={() => setResetFor(resetFor === u.id ? null : u.id)}
              />
              {resetFor === u.id ? (
                <ResetPasswordRow
                  email={u.email}
                  colSpan={COLUMNS.length}
                  busy={update.isPending}
                  onCancel={() => setResetFor(null)}
                  onSet={(password) => {
                    setResetFor(null);
                    run({ id: u.id, password }, `New password set for ${u.email}; their sessions were ended.`);
                  }}
                />
              ) : null}
            </Fragment>
          ))}
        </SortableTable>
      )}
    </TableState>
  );

  const self = pending && pending.user.id === me?.id;
  return (
    <section className="admin-page" aria-label="Users">
      <header className="admin-header">
        <h1>Users</h1>
        <span className="muted" data-testid="users-count">
          {users.data ? countText(shown?.length ?? 0, users.data.length, filtered) : ''}
        </span>
      </header>
      <CreateUserForm feedback={feedback} />
      <ActionResult testId="users" error={feedback.errorOf('table')} status={feedback.status} />
      <UserFilters value={list} onChange={setList} filtered={filtered} />
      <div className="admin-scroll">{body}</div>
      {pending ? (
        <ConfirmDialog
          title={pending.kind === 'role' ? `Make ${pending.user.email} ${pending.role}?` : `Disable ${pending.user.email}?`}
          confirmLabel={pending.kind === 'role' ? `Make ${pending.role}` : 'Disable'}
          danger={pending.kind === 'disable' || !!self}
          onCancel={() => setPending(null)}
          onConfirm={confirmPending}
        >
          {pending.kind === 'role' ? (
            <p>
              A {pending.role} {ROLE_HINT[pending.role]}. Their open pages change at once.
              {self && pending.role !== 'admin' ? ' You will lose access to these admin pages.' : ''}
            </p>
          ) : (
            <p>
              They can no longer sign in, and every open session ends now: their pages go to the login page.
              {self ? ' That includes this page: you will be signed out.' : ''}
            </p>
          )}
        </ConfirmDialog>
      ) : null}
    </section>
  );
}

const accounts = (n: number) => `${n} account${n === 1 ? '' : 's'}`;
const countText = (shown: number, all: number, filtered: boolean) => (filtered ? `${shown} of ${accounts(all)}` : accounts(all));
