'use client';
// The latest webhook deliveries from the outbox: where, what, status, attempts and the last error. Polled while
// the page is open (deliveries are retried in the background with back-off).
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/trpc-context';
import { DataTable } from '@/components/ui/DataTable';
import { TableState } from '@/components/ui/TableState';
import { absoluteTime } from '../alert-format';
import { serverErrorText } from './server-error';

const COLUMNS = ['Created', 'Event', 'Alert', 'URL', 'Status', 'Attempts', 'Delivered / next try', 'Last error'];
const STATUS_CLASS = { pending: 'warn', delivered: 'ok', failed: 'bad' } as const;

export function WebhookDeliveries() {
  const trpc = useTRPC();
  const q = useQuery({ ...trpc.alertRules.deliveries.queryOptions({ limit: 50 }), refetchInterval: 5_000 });
  return (
    <section aria-labelledby="deliveries-title" className="webhook-deliveries">
      <h2 id="deliveries-title">Recent webhook deliveries</h2>
      <TableState
        testId="deliveries"
        pending={q.isPending}
        failure={q.error && !q.data ? serverErrorText(q.error) : null}
        retry={() => void q.refetch()}
        rows={q.data}
        titles={{ loading: 'Loading deliveries…', failed: 'Could not load the deliveries', empty: 'No webhook delivery yet' }}
        emptyHint="Set ALERT_WEBHOOK_URL or a rule's webhook URL: each alert transition is then delivered, signed, and retried until the receiver takes it."
      >
        {(rows) => (
          <DataTable className="alerts-table" testId="deliveries-table" columns={COLUMNS}>
            {rows.map((d) => (
              <tr key={d.id} data-testid="delivery-row" data-status={d.status}>
                <td className="mono">{absoluteTime(d.createdAt)}</td>
                <td>{d.body.event}</td>
                <td className="alert-title">{d.body.alert.title}</td>
                <td className="mono delivery-url" title={d.url}>
                  {d.url}
                </td>
                <td className={STATUS_CLASS[d.status]}>{d.status}</td>
                <td className="mono num">{d.attempts}</td>
                <td className="mono">
                  {d.deliveredAt ? absoluteTime(d.deliveredAt) : d.status === 'pending' ? absoluteTime(d.nextAttemptAt) : '—'}
                </td>
                <td className="delivery-error">{d.lastError ?? ''}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </TableState>
    </section>
  );
}
