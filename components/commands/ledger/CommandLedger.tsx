'use client';
// The /commands page: every command with its live status and timings, filters, "load more", and the
// selected command's full history beside the table.
import { useSearchParams } from 'next/navigation';
import { useEffect, useMemo, useState } from 'react';
import { LoadFailed, StateMessage } from '@/components/ui/StateMessage';
import { useFleetStore } from '@/components/realtime/fleet-store';
import { CommandHistory } from './CommandHistory';
import { EMPTY_FILTER, isFiltered, toLedgerFilter, type LedgerFilterForm } from './ledger-filter';
import { LedgerFilters } from './LedgerFilters';
import { LedgerTable } from './LedgerTable';
import { useLedgerRows } from './use-ledger-rows';
import '../commands.css';

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

export function CommandLedger() {
  const params = useSearchParams();
  const [form, setForm] = useState<LedgerFilterForm>(() => ({ ...EMPTY_FILTER, robot: params.get('robot') ?? '' }));
  const issuer = useDebounced(form.issuer, 300);
  const filter = useMemo(() => toLedgerFilter({ ...form, issuer }), [form, issuer]);
  const { query, rows } = useLedgerRows(filter);
  const [openId, setOpenId] = useState<string | null>(null);
  const connection = useFleetStore((s) => s.connection);

  let body;
  if (query.isPending) body = <StateMessage title="Loading commands…" busy testId="ledger-loading" />;
  else if (query.error && rows.length === 0)
    body = <LoadFailed title="Could not load the command ledger" message={query.error.message} retry={() => void query.refetch()} testId="ledger-error" />;
  else if (rows.length === 0)
    body = (
      <StateMessage title={isFiltered(form) ? 'No command matches the filters' : 'No commands yet'} testId="ledger-empty">
        Commands sent from the robot panel, the command palette (Ctrl+K) or Stop all appear here as they happen.
      </StateMessage>
    );
  else
    body = (
      <>
        <LedgerTable rows={rows} selectedId={openId} onOpen={setOpenId} />
        <div className="ledger-more">
          {query.hasNextPage ? (
            <button type="button" className="small-button" disabled={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()} data-testid="ledger-load-more">
              {query.isFetchingNextPage ? 'Loading…' : 'Load more'}
            </button>
          ) : (
            <span className="muted">All {rows.length} commands shown.</span>
          )}
          {query.error ? <span className="bad">{query.error.message}</span> : null}
        </div>
      </>
    );

  return (
    <div className={openId ? 'ledger with-history' : 'ledger'}>
      <section className="ledger-main" aria-label="Command ledger">
        <header className="ledger-header">
          <h1>Command ledger</h1>
          <span className={connection === 'live' ? 'muted' : 'warn'} role="status">
            {connection === 'live' ? 'Live: statuses update as robots report' : 'Reconnecting: statuses may be behind'}
          </span>
        </header>
        <LedgerFilters value={form} onChange={setForm} />
        <div className="ledger-scroll">{body}</div>
      </section>
      {openId ? <CommandHistory id={openId} onClose={() => setOpenId(null)} /> : null}
    </div>
  );
}
