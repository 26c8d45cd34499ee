'use client';
// /admin/users: every account with its role and state; add users, change roles, disable or enable them and reset
// passwords. Disabling or resetting signs the user out at once (their open pages land on the login page); a role
// change applies to their open pages as well.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import type { Role } from '@/server/domain/identity/roles';
import { useMe } from '@/components/auth/use-me';
import { ConfirmDialog } from '@/components/ui/ConfirmDialog';
import { useTRPC } from '@/components/trpc/trpc-context';
import { ACTIONS_COLUMN, DataTable } from '@/components/ui/DataTable';
import { TableState } from '@/components/ui/TableState';
import { ActionResult } from './ActionResult';
import type { UserRowView } from './admin-types';
import { CreateUserForm, ROLE_HINT } from './CreateUserForm';
import { errorText } from './error-text';
import { ResetPasswordRow } from './ResetPasswordRow';
import { UserRow } from './UserRow';

type Pending = { kind: 'role'; user: UserRowView; role: Role } | { kind: 'disable'; user: UserRowView } | null;
const COLUMNS = ['User', 'Role', 'Status', 'Created', 'Updated', ACTIONS_COLUMN];

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
  const [status, setStatus] = useState<string | null>(null);

  const run = (input: Parameters<typeof update.mutate>[0], done: string) => {
    setStatus(null);
    update.mutate(input, { onSuccess: () => setStatus(done) });
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
      rows={users.data}
      titles={{ loading: 'Loading users…', failed: 'Could not load the users', empty: 'No users yet' }}
    >
      {(rows) => (
        <DataTable className="admin-table" testId="users-table" columns={COLUMNS}>
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
        </DataTable>
      )}
    </TableState>
  );

  const self = pending && pending.user.id === me?.id;
  return (
    <section className="admin-page" aria-label="Users">
      <header className="admin-header">
        <h1>Users</h1>
        <span className="muted">{users.data ? `${users.data.length} account${users.data.length === 1 ? '' : 's'}` : ''}</span>
      </header>
      <CreateUserForm onCreated={setStatus} />
      <ActionResult testId="users" error={update.error} status={status} />
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
