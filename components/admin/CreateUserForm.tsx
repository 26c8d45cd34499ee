'use client';
// "Add a user": email, name, role and an initial password (at least 10 characters; Generate fills one in).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ROLES, type Role } from '@/server/domain/identity/roles';
import { useTRPC } from '@/components/trpc/trpc-context';
import { AdminForm } from './AdminForm';
import type { ActionFeedback } from './use-action-feedback';
import { PasswordField } from './PasswordField';

export const ROLE_HINT: Record<Role, string> = {
  viewer: 'watches the fleet, the ledger and the data-flow graph',
  operator: 'also sends commands and injects faults',
  architect: 'also opens traces and message payloads, injects faults',
  admin: 'everything, plus users, credentials and the audit log',
};

/** Its outcome goes to the page's one feedback (a success replaces an older error and the other way round). */
export function CreateUserForm({ feedback }: { feedback: ActionFeedback }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const create = useMutation(
    trpc.users.create.mutationOptions({ onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.users.list.queryKey() }) }),
  );
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [password, setPassword] = useState('');

  const onSubmit = () => {
    feedback.start();
    create.mutate(
      { email: email.trim(), password, role, ...(name.trim() && { name: name.trim() }) },
      {
        onSuccess: (u) => {
          feedback.succeed(`Created ${u.email} (${u.role}). Pass the initial password on to them through a safe channel.`);
          setEmail('');
          setName('');
          setRole('viewer');
          setPassword('');
        },
        onError: (e) => feedback.fail('create', e),
      },
    );
  };

  return (
    <AdminForm
      title="Add a user"
      testId="create-user"
      submitLabel="Add user"
      busy={create.isPending}
      error={feedback.errorOf('create')}
      hint={`${role}: ${ROLE_HINT[role]}.`}
      onSubmit={onSubmit}
    >
      <label>
        Email
        <input
          type="email"
          required
          autoComplete="off"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          placeholder="name@example.com"
          data-testid="new-user-email"
        />
      </label>
      <label>
        <span>
          Name <span className="muted">(optional)</span>
        </span>
        <input
          type="text"
          autoComplete="off"
          maxLength={100}
          value={name}
          onChange={(e) => setName(e.target.value)}
          data-testid="new-user-name"
        />
      </label>
      <label>
        Role
        <select value={role} onChange={(e) => setRole(e.target.value as Role)} data-testid="new-user-role">
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </label>
      <PasswordField label="Initial password" value={password} onChange={setPassword} required testId="new-user-password" />
    </AdminForm>
  );
}
