'use client';
// A link to one alert (a toast's, a shared URL) whose alert the current tab or filters leave out: says where it
// is now (it may have been resolved meanwhile) and offers to show every state without filters.
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/trpc-context';
import { STATE_TEXT } from './alert-format';

export function LinkedAlertNote({ id, onShowAll }: { id: string; onShowAll(): void }) {
  const trpc = useTRPC();
  const q = useQuery({ ...trpc.alerts.byId.queryOptions({ id }), retry: false });
  if (q.isPending) return null;
  return (
    <p className="muted alert-linked" role="status" data-testid="linked-alert-note">
      {q.data ? (
        <>
          The linked alert “{q.data.title}” is {STATE_TEXT[q.data.state].toLowerCase()} and not in this view.{' '}
          <button type="button" className="small-button" onClick={onShowAll}>
            Show all alerts
          </button>
        </>
      ) : (
        <>The linked alert was not found{q.error ? `: ${q.error.message}` : ''}.</>
      )}
    </p>
  );
}
