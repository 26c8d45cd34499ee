'use client';
// The row under a user while their password is being reset: the new password, then Set. Resetting signs the
// user out everywhere.
import { useState, type FormEvent } from 'react';
import { PasswordField } from './PasswordField';

interface Props {
  email: string;
  colSpan: number;
  busy: boolean;
  onSet(password: string): void;
  onCancel(): void;
}

export function ResetPasswordRow({ email, colSpan, busy, onSet, onCancel }: Props) {
  const [password, setPassword] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (password.length >= 10 && !busy) onSet(password);
  };
  return (
    <tr className="inline-row" data-testid="reset-password-row">
      <td colSpan={colSpan}>
        <form
          className="inline-form"
          onSubmit={submit}
          aria-label={`New password for ${email}`}
          onKeyDown={(e) => e.key === 'Escape' && onCancel()}
        >
          <PasswordField
            label={`New password for ${email}`}
            value={password}
            onChange={setPassword}
            required
            testId="reset-password-input"
          />
          <button type="submit" className="small-button" disabled={busy || password.length < 10} data-testid="reset-password-submit">
            {busy ? 'Setting…' : 'Set password'}
          </button>
          <button type="button" className="small-button" onClick={onCancel}>
            Cancel
          </button>
          <span className="muted">Signs {email} out of every open session.</span>
        </form>
      </td>
    </tr>
  );
}
