'use client';
// The sign-in form of /login: email and password posted as JSON to /api/auth/login. Enter submits; errors say
// what to do (wrong credentials, wait after too many attempts, server unavailable); on success the browser goes
// to `next` (a path on this site only) with a full load, so nothing of a previous session stays in memory.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { formatWait, requestLogin, type LoginFailure } from './login-request';
import { loginReason, REASON_TEXT, safeNext } from './safe-next';
import { useMe } from './use-me';
import './auth.css';

export function LoginForm({ next, reason }: { next: string | null; reason: string | null }) {
  const id = useId();
  const target = safeNext(next);
  const why = loginReason(reason);
  const { me } = useMe();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [showPassword, setShowPassword] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<LoginFailure | null>(null);
  const [waitUntil, setWaitUntil] = useState<number | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const passwordRef = useRef<HTMLInputElement>(null);

  const waitLeftS = waitUntil === null ? 0 : Math.max(0, Math.ceil((waitUntil - now) / 1000));
  useEffect(() => {
    if (waitUntil === null) return;
    const t = setInterval(() => {
      setNow(Date.now());
      if (Date.now() >= waitUntil) setWaitUntil(null);
    }, 1000);
    return () => clearInterval(t);
  }, [waitUntil]);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy || waitLeftS > 0) return;
    setBusy(true);
    setFailure(null);
    const r = await requestLogin(email.trim(), password);
    if (r.ok) {
      // Stay busy: the page is about to be replaced.
      window.location.assign(target);
      return;
    }
    setBusy(false);
    setFailure(r);
    if (r.kind === 'rate-limited') {
      setNow(Date.now());
      setWaitUntil(Date.now() + r.retryAfterS * 1000);
    }
    if (r.kind === 'credentials') {
      passwordRef.current?.focus();
      passwordRef.current?.select();
    }
  };

  const errorText =
    failure?.kind === 'rate-limited'
      ? waitLeftS > 0
        ? `${failure.message} Try again in ${formatWait(waitLeftS)}.`
        : `${failure.message} You may try again now.`
      : failure?.message;

  return (
    <div className="login-page">
      <form
        className="login-card"
        onSubmit={(e) => void onSubmit(e)}
        aria-busy={busy}
        aria-labelledby={`${id}-title`}
        data-testid="login-form"
      >
        <div className="login-brand" aria-hidden>
          FleetScope
        </div>
        <h1 id={`${id}-title`}>Sign in</h1>
        {why ? (
          <p
            className={`login-notice ${why === 'session-ended' ? 'warn-box' : ''}`}
            role="status"
            data-testid="login-reason"
            data-reason={why}
          >
            {REASON_TEXT[why]}
          </p>
        ) : null}
        {me ? (
          <p className="login-notice" data-testid="login-already">
            You are signed in as <strong>{me.name || me.email}</strong> ({me.role}). <a href={target}>Continue →</a>
          </p>
        ) : null}
        <label htmlFor={`${id}-email`}>Email</label>
        <input
          id={`${id}-email`}
          name="email"
          type="email"
          autoComplete="username"
          inputMode="email"
          autoCapitalize="none"
          spellCheck={false}
          required
          // biome-ignore lint/a11y/noAutofocus: signing in is the only thing this page is for, so the caret starts in Email
          autoFocus
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          aria-invalid={failure?.kind === 'credentials' || failure?.kind === 'invalid' ? true : undefined}
          aria-describedby={failure ? `${id}-error` : undefined}
          data-testid="login-email"
        />
        <label htmlFor={`${id}-password`}>Password</label>
        <div className="login-password">
          <input
            ref={passwordRef}
            id={`${id}-password`}
            name="password"
            type={showPassword ? 'text' : 'password'}
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            aria-invalid={failure?.kind === 'credentials' ? true : undefined}
            aria-describedby={failure ? `${id}-error` : undefined}
            data-testid="login-password"
          />
          <button
            type="button"
            className="small-button"
            aria-pressed={showPassword}
            aria-controls={`${id}-password`}
            onClick={() => setShowPassword((v) => !v)}
          >
            {showPassword ? 'Hide' : 'Show'}
          </button>
        </div>
        <div id={`${id}-error`} className="login-error" role="alert" data-testid="login-error" data-kind={failure?.kind} hidden={!failure}>
          {errorText}
        </div>
        <button type="submit" className="login-submit" disabled={busy || waitLeftS > 0} data-testid="login-submit">
          {busy ? (
            <>
              <span className="spinner small" aria-hidden /> Signing in…
            </>
          ) : waitLeftS > 0 ? (
            `Wait ${formatWait(waitLeftS)}`
          ) : (
            'Sign in'
          )}
        </button>
        <p className="muted login-foot">Accounts are created by an administrator. Forgot your password? Ask them to reset it.</p>
      </form>
    </div>
  );
}
