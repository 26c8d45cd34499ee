// Centered message for loading, empty and error states.
import type { ReactNode } from 'react';

export function StateMessage({
  title,
  children,
  busy = false,
  testId,
}: {
  title: string;
  children?: ReactNode;
  busy?: boolean;
  testId?: string;
}) {
  return (
    <div className="state-message" role={busy ? 'status' : undefined} aria-busy={busy} data-testid={testId}>
      {busy ? <span className="spinner" aria-hidden /> : null}
      <p className="state-title">{title}</p>
      {children ? <div className="muted">{children}</div> : null}
    </div>
  );
}

/** A query that failed with nothing to show: what failed, why, and a retry. */
export function LoadFailed({ title, message, retry, testId }: { title: string; message: string; retry: () => void; testId?: string }) {
  return (
    <StateMessage title={title} testId={testId}>
      <p>{message}</p>
      <button type="button" className="small-button" onClick={retry}>
        Try again
      </button>
    </StateMessage>
  );
}
