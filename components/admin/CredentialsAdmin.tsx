'use client';
// /admin/credentials: MQTT credentials of robots. Create one (the password, given or generated, is shown once),
// disable or enable it, reset its password (shown once) or delete it; each destructive step asks first. Filters and
// the header sort live in the URL; one outcome shows at a time (a new action clears the last one's message).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { ConfirmDialog } from '@/components/ui/ConfirmDialog';
import { useTRPC } from '@/components/trpc/trpc-context';
import { isFiltered, nextSort } from '@/components/ui/list-query';
import { SortableTable, type SortColumn } from '@/components/ui/SortableTable';
import { useListState } from '@/components/ui/use-list-state';
import { ACTIONS_COLUMN } from '@/components/ui/DataTable';
import { TableState } from '@/components/ui/TableState';
import { ActionResult } from './ActionResult';
import type { CredentialRowView } from './admin-types';
import { CreateCredentialForm } from './CreateCredentialForm';
import { CredentialFilters } from './CredentialFilters';
import { CREDENTIAL_FILTERS, CREDENTIAL_FIRST_DIR, CREDENTIAL_LIST, CREDENTIAL_SORTS, visibleCredentials } from './credential-list';
import { CredentialRow } from './CredentialRow';
import { errorText } from './error-text';
import { OneTimeSecret } from './OneTimeSecret';
import { useActionFeedback } from './use-action-feedback';

type Pending = { kind: 'disable' | 'reset' | 'delete'; credential: CredentialRowView } | null;
interface Secret {
  title: string;
  username: string;
  password: string;
}

const COLUMNS: readonly SortColumn[] = [
  { label: 'Username', sortKey: 'username' },
  { label: 'Manufacturer', sortKey: 'manufacturer' },
  { label: 'Serial number', sortKey: 'serial' },
  { label: 'Note' },
  { label: 'Status', sortKey: 'status' },
  { label: 'Created', sortKey: 'created', title: 'Local date and time, and by whom' },
  ACTIONS_COLUMN,
];

const CONFIRM: Record<NonNullable<Pending>['kind'], { title: (u: string) => string; label: string; body: string }> = {
  disable: {
    title: (u) => `Disable ${u}?`,
    label: 'Disable',
    body: 'The broker refuses this credential from now on; a robot connected with it is disconnected.',
  },
  reset: {
    title: (u) => `Reset the password of ${u}?`,
    label: 'Reset password',
    body: 'A new password is generated and shown once; the old one stops working, so the robot needs the new one.',
  },
  delete: {
    title: (u) => `Delete ${u}?`,
    label: 'Delete',
    body: 'The credential is removed for good; a robot using it can no longer connect. This cannot be undone.',
  },
};

export function CredentialsAdmin() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.credentials.list.queryKey() });
  const list = useQuery({ ...trpc.credentials.list.queryOptions(), staleTime: 0 });
  const update = useMutation(trpc.credentials.update.mutationOptions({ onSettled: refresh }));
  const remove = useMutation(trpc.credentials.delete.mutationOptions({ onSettled: refresh }));
  const [pending, setPending] = useState<Pending>(null);
  const [secret, setSecret] = useState<Secret | null>(null);
  const feedback = useActionFeedback();
  const busy = update.isPending || remove.isPending;
  const [filters, setFilters] = useListState(CREDENTIAL_LIST);
  const shown = useMemo(() => (list.data ? visibleCredentials(list.data, filters) : undefined), [list.data, filters]);
  const filtered = isFiltered(filters, CREDENTIAL_LIST, CREDENTIAL_FILTERS);
  const onSort = (key: string) =>
    setFilters(nextSort(filters, key, CREDENTIAL_FIRST_DIR[CREDENTIAL_SORTS.find((k) => k === key) ?? 'username']));

  const failed = (e: unknown) => feedback.fail('table', e);
  const act = (p: NonNullable<Pending>) => {
    feedback.start();
    const c = p.credential;
    if (p.kind === 'delete') remove.mutate({ id: c.id }, { onSuccess: () => feedback.succeed(`Deleted ${c.username}.`), onError: failed });
    else if (p.kind === 'disable')
      update.mutate({ id: c.id, disabled: true }, { onSuccess: () => feedback.succeed(`${c.username} is disabled.`), onError: failed });
    else
      update.mutate(
        { id: c.id, resetPassword: true },
        {
          onSuccess: (r) =>
            r.password &&
            setSecret({ title: `New password for ${r.credential.username}`, username: r.credential.username, password: r.password }),
          onError: failed,
        },
      );
  };

  const body = (
    <TableState
      testId="credentials"
      pending={list.isPending}
      failure={list.error ? errorText(list.error) : null}
      retry={() => void list.refetch()}
      rows={shown}
      titles={{
        loading: 'Loading robot credentials…',
        failed: 'Could not load the robot credentials',
        empty: filtered ? 'No credential matches the filters' : 'No robot credentials yet',
      }}
      emptyHint="Add one above for each robot (or manufacturer) that connects to the broker with a username and password."
    >
      {(rows) => (
        <SortableTable
          className="admin-table"
          testId="credentials-table"
          columns={COLUMNS}
          sort={filters.sort}
          dir={filters.dir === 'desc' ? 'desc' : 'asc'}
          onSort={onSort}
        >
          {rows.map((c) => (
            <CredentialRow
              key={c.id}
              credential={c}
              busy={busy}
              onToggleDisabled={() => {
                if (!c.disabled) return setPending({ kind: 'disable', credential: c });
                feedback.start();
                update.mutate(
                  { id: c.id, disabled: false },
                  { onSuccess: () => feedback.succeed(`${c.username} is enabled again.`), onError: failed },
                );
              }}
              onReset={() => setPending({ kind: 'reset', credential: c })}
              onDelete={() => setPending({ kind: 'delete', credential: c })}
            />
          ))}
        </SortableTable>
      )}
    </TableState>
  );

  return (
    <section className="admin-page" aria-label="Robot credentials">
      <header className="admin-header">
        <h1>Robot credentials</h1>
        <span className="muted">Usernames and passwords robots use to connect to the MQTT broker</span>
      </header>
      <CreateCredentialForm
        feedback={feedback}
        onCreated={(c, password) => {
          setSecret({ title: `Credential ${c.username} created`, username: c.username, password });
        }}
      />
      {secret ? <OneTimeSecret {...secret} onDone={() => setSecret(null)} /> : null}
      <ActionResult testId="credentials" error={feedback.errorOf('table')} status={feedback.status} />
      <CredentialFilters value={filters} onChange={setFilters} filtered={filtered} />
      <div className="admin-scroll">{body}</div>
      {pending ? (
        <ConfirmDialog
          title={CONFIRM[pending.kind].title(pending.credential.username)}
          confirmLabel={CONFIRM[pending.kind].label}
          danger={pending.kind !== 'reset'}
          onCancel={() => setPending(null)}
          onConfirm={() => {
            act(pending);
            setPending(null);
          }}
        >
          <p>{CONFIRM[pending.kind].body}</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
