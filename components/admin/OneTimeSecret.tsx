'use client';
// A password the server will never show again (a new or reset robot credential): the value, Copy, a warning,
// and "Done" once it is saved somewhere.
import { useEffect, useRef } from 'react';
import { useCopy } from '@/components/ui/use-copy';

export function OneTimeSecret({
  title,
  username,
  password,
  onDone,
}: {
  title: string;
  username: string;
  password: string;
  onDone(): void;
}) {
  const { copied, copy } = useCopy();
  const box = useRef<HTMLElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: focus moves to the box each time a new password is shown, so [password] is the trigger
  useEffect(() => box.current?.focus(), [password]);
  return (
    <section ref={box} tabIndex={-1} className="secret-box" role="alert" aria-label={title} data-testid="one-time-password">
      <h2>{title}</h2>
      <p>
        Username <code className="mono">{username}</code>
      </p>
      <div className="secret-value">
        <span className="muted">Password</span>
        <code data-testid="one-time-password-value">{password}</code>
        <button type="button" className="small-button" onClick={() => copy(password)} data-testid="copy-password">
          Copy
        </button>
        <span role="status" className="muted">
          {copied === 'yes' ? 'Copied.' : copied === 'failed' ? 'Copy failed: select the text and copy it by hand.' : ''}
        </span>
      </div>
      <p className="warn">
        This password is shown only once: FleetScope keeps only a hash of it. Store it in the robot&apos;s configuration or a password
        manager now; if it is lost, reset the password.
      </p>
      <div>
        <button type="button" className="small-button" onClick={onDone} data-testid="one-time-password-done">
          I have saved it
        </button>
      </div>
    </section>
  );
}
