'use client';
// A new-password input with Show/Hide and Generate (a random 20-character password, shown so it can be passed on).
import { useId, useState } from 'react';
import { randomPassword } from './random-password';

interface Props {
  label: string;
  value: string;
  onChange(v: string): void;
  required?: boolean;
  minLength?: number;
  placeholder?: string;
  testId?: string;
}

export function PasswordField({ label, value, onChange, required = false, minLength = 10, placeholder, testId }: Props) {
  const id = useId();
  const [shown, setShown] = useState(false);
  const tooShort = value.length > 0 && value.length < minLength;
  return (
    <label htmlFor={id}>
      {label}
      <span className="with-button">
        <input
          id={id}
          type={shown ? 'text' : 'password'}
          autoComplete="new-password"
          required={required}
          minLength={minLength}
          placeholder={placeholder ?? `at least ${minLength} characters`}
          value={value}
          aria-invalid={tooShort || undefined}
          onChange={(e) => onChange(e.target.value)}
          data-testid={testId}
        />
        <button type="button" className="small-button" aria-pressed={shown} aria-controls={id} onClick={() => setShown((s) => !s)}>
          {shown ? 'Hide' : 'Show'}
        </button>
        <button
          type="button"
          className="small-button"
          title="Fill in a random 20-character password"
          onClick={() => {
            onChange(randomPassword());
            setShown(true);
          }}
        >
          Generate
        </button>
      </span>
    </label>
  );
}
