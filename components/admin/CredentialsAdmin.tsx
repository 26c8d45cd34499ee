'use client';
// /admin/credentials: MQTT credentials of robots. Create one (the password, given or generated, is shown once),
// disable or enable it, reset its password (shown once) or delete it; each destructive step asks first.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ConfirmDialog } from '@/components/ui/ConfirmDialog';
import { useTRPC } from '@/components/trpc/trpc-context';
import { ACTIONS_COLUMN, DataTable } from '@/components/ui/DataTable';
import { TableState } from '@/components/ui/TableState';
import { ActionResult } from './ActionResult';
import type { CredentialRowView } from './admin-types';
import { CreateCredentialForm } from './CreateCredentialForm';
import { CredentialRow } from './CredentialRow';
import { errorText } from './error-text';
import { OneTimeSecret } from './OneTimeSecret';

type Pending = { kind: 'disable' | 'reset' | 'delete'; credential: CredentialRowView } | null;
interface Secret {
  title: string;
  username: string;
  password: string;
}

const COLUMNS = ['Username', 'Manufacturer', 'Serial number', 'Note', 'Status', 'Created', ACTIONS_COLUMN];

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
  const [status, setStatus] = useState<string | null>(null);
  const busy = update.isPending || remove.isPending;
  const error = update.error ?? remove.error;

  const act = (p: NonNullable<Pending>) => {
    setStatus(null);
    update.reset();
    remove.reset();
    const c = p.credential;
    if (p.kind === 'delete') remove.mutate({ id: c.id }, { onSuccess: () => setStatus(`Deleted ${c.username}.`) });
    else if (p.kind === 'disable')
      update.mutate({ id: c.id, disabled: true }, { onSuccess: () => setStatus(`${c.username} is disabled.`) });
    else
      update.mutate(
        { id: c.id, resetPassword: true },
        {
          onSuccess: (r) =>
            r.password &&
            setSecret({ title: `New password for ${r.credential.username}`, username: r.credential.username, password: r.password }),
        },
      );
  };

  const body = (
    <TableState
      testId="credentials"
      pending={list.isPending}
      failure={list.error ? errorText(list.error) : null}
      retry={() => void list.refetch()}
      rows={list.data}
      titles={{ loading: 'Loading robot credentials…', failed: 'Could not load the robot credentials', empty: 'No robot credentials yet' }}
      emptyHint="Add one above for each robot (or manufacturer) that connects to the broker with a username and password."
    >
      {(rows) => (
        <DataTable className="admin-table" testId="credentials-table" columns={COLUMNS}>
          {rows.map((c) => (
            <CredentialRow
              key={c.id}
              credential={c}
              busy={busy}
              onToggleDisabled={() => {
                if (!c.disabled) return setPending({ kind: 'disable', credential: c });
                setStatus(null);
                update.mutate({ id: c.id, disabled: false }, { onSuccess: () => setStatus(`${c.username} is enabled again.`) });
              }}
              onReset={() => setPending({ kind: 'reset', credential: c })}
              onDelete={() => setPending({ kind: 'delete', credential: c })}
            />
          ))}
        </DataTable>
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
        onCreated={(c, password) => {
          setStatus(null);
          setSecret({ title: `Credential ${c.username} created`, username: c.username, password });
        }}
      />
      {secret ? <OneTimeSecret {...secret} onDone={() => setSecret(null)} /> : null}
      <ActionResult testId="credentials" error={error} status={status} />
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
