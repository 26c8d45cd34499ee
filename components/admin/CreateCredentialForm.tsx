'use client';
// "Add a robot credential": the manufacturer, optionally one serial number (blank: any robot of the manufacturer),
// an optional username and password (blank: generated) and a note. The answer carries the password, once.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '@/components/trpc/trpc-context';
import type { CredentialRowView } from './admin-types';
import { AdminForm } from './AdminForm';
import type { ActionFeedback } from './use-action-feedback';
import { PasswordField } from './PasswordField';

/** A refusal goes to the page's one feedback; a success to `onCreated` (the password, shown once). */
export function CreateCredentialForm({
  feedback,
  onCreated,
}: {
  feedback: ActionFeedback;
  onCreated(credential: CredentialRowView, password: string): void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const create = useMutation(
    trpc.credentials.create.mutationOptions({
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.credentials.list.queryKey() }),
    }),
  );
  const [manufacturer, setManufacturer] = useState('');
  const [serialNumber, setSerialNumber] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [note, setNote] = useState('');

  const onSubmit = () => {
    const opt = (v: string) => (v.trim() ? v.trim() : undefined);
    feedback.start();
    create.mutate(
      {
        manufacturer: manufacturer.trim(),
        serialNumber: opt(serialNumber),
        username: opt(username),
        password: password || undefined,
        note: opt(note),
      },
      {
        onSuccess: (r) => {
          onCreated(r.credential, r.password);
          setSerialNumber('');
          setUsername('');
          setPassword('');
          setNote('');
        },
        onError: (e) => feedback.fail('create', e),
      },
    );
  };

  return (
    <AdminForm
      title="Add a robot credential"
      testId="create-credential"
      submitLabel="Add credential"
      busy={create.isPending}
      error={feedback.errorOf('create')}
      hint="A robot with this credential may publish only its own state, visualization, connection and factsheet, and receive only its own orders and instant actions."
      onSubmit={onSubmit}
    >
      <label>
        Manufacturer
        <input
          type="text"
          required
          maxLength={128}
          autoComplete="off"
          value={manufacturer}
          onChange={(e) => setManufacturer(e.target.value)}
          placeholder="e.g. SimRobotics"
          data-testid="new-credential-manufacturer"
        />
      </label>
      <label>
        <span>
          Serial number <span className="muted">(blank: any robot of it)</span>
        </span>
        <input
          type="text"
          maxLength={128}
          autoComplete="off"
          value={serialNumber}
          onChange={(e) => setSerialNumber(e.target.value)}
          placeholder="e.g. SIM-0001"
          data-testid="new-credential-serial"
        />
      </label>
      <label>
        <span>
          Username <span className="muted">(blank: generated)</span>
        </span>
        <input
          type="text"
          maxLength={64}
          autoComplete="off"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          data-testid="new-credential-username"
        />
      </label>
      <PasswordField
        label="Password (blank: generated)"
        value={password}
        onChange={setPassword}
        placeholder="generated when blank"
        testId="new-credential-password"
      />
      <label>
        <span>
          Note <span className="muted">(optional)</span>
        </span>
        <input
          type="text"
          maxLength={500}
          autoComplete="off"
          value={note}
          onChange={(e) => setNote(e.target.value)}
          data-testid="new-credential-note"
        />
      </label>
    </AdminForm>
  );
}
