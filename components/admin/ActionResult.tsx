// What the last action on an admin page came to: the server's refusal as an alert, else what was done.
// Test ids: `<testId>-action-error`, `<testId>-status`.
import { errorText } from './error-text';

export function ActionResult({ testId, error, status }: { testId: string; error: unknown; status: string | null }) {
  if (error)
    return (
      <p className="admin-alert" role="alert" data-testid={`${testId}-action-error`}>
        {errorText(error)}
      </p>
    );
  if (status)
    return (
      <p className="admin-status muted" role="status" data-testid={`${testId}-status`}>
        {status}
      </p>
    );
  return null;
}
