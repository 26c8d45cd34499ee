'use client';
// The frame of an "Add a …" form on the admin pages: title, the fields, the submit button (disabled and saying
// so while the request runs), a hint, and the server's refusal. Test ids: `<testId>-form`, `<testId>` (submit),
// `<testId>-error`.
import type { FormEvent, ReactNode } from 'react';
import { errorText } from './error-text';

interface Props {
  title: string;
  testId: string;
  submitLabel: string;
  busy: boolean;
  error: unknown;
  hint: ReactNode;
  onSubmit(): void;
  children: ReactNode;
}

export function AdminForm({ title, testId, submitLabel, busy, error, hint, onSubmit, children }: Props) {
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!busy) onSubmit();
  };
  return (
    <form className="admin-form" onSubmit={submit} aria-label={title} data-testid={`${testId}-form`}>
      <h2>{title}</h2>
      {children}
      <button type="submit" className="small-button" disabled={busy} data-testid={testId}>
        {busy ? 'Adding…' : submitLabel}
      </button>
      <p className="hint muted">{hint}</p>
      {error ? (
        <p className="admin-alert" role="alert" data-testid={`${testId}-error`}>
          {errorText(error)}
        </p>
      ) : null}
    </form>
  );
}
