'use client';
// The /commands page: every command with its live status and timings, filters, "load more", and the
// selected command's full history beside the table.
import { useSearchParams } from 'next/navigation';
import { useMemo, useState } from 'react';
import { useFleetStore } from '@/components/realtime/fleet-store';
import { LoadMore, TableState } from '@/components/ui/TableState';
import { useDebounced } from '@/components/ui/use-debounced';
import { CommandHistory } from './CommandHistory';
import { EMPTY_FILTER, isFiltered, toLedgerFilter, type LedgerFilterForm } from './ledger-filter';
import { LedgerFilters } from './LedgerFilters';
import { LedgerTable } from './LedgerTable';
import { useLedgerRows } from './use-ledger-rows';
import '../commands.css';

export function CommandLedger() {
  const params = useSearchParams();
  const [form, setForm] = useState<LedgerFilterForm>(() => ({ ...EMPTY_FILTER, robot: params.get('robot') ?? '' }));
  const issuer = useDebounced(form.issuer, 300);
  const filter = useMemo(() => toLedgerFilter({ ...form, issuer }), [form, issuer]);
  const { query, rows } = useLedgerRows(filter);
  const [openId, setOpenId] = useState<string | null>(null);
  const connection = useFleetStore((s) => s.connection);

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
        <div className="ledger-scroll">
          <TableState
            testId="ledger"
            pending={query.isPending}
            failure={query.error && rows.length === 0 ? query.error.message : null}
            retry={() => void query.refetch()}
            rows={rows}
            titles={{
              loading: 'Loading commands…',
              failed: 'Could not load the command ledger',
              empty: isFiltered(form) ? 'No command matches the filters' : 'No commands yet',
            }}
            emptyHint="Commands sent from the robot panel, the command palette (Ctrl+K) or Stop all appear here as they happen."
          >
            {(shown) => (
              <>
                <LedgerTable rows={shown} selectedId={openId} onOpen={setOpenId} />
                <LoadMore
                  query={query}
                  testId="ledger-load-more"
                  shown={`All ${shown.length} commands shown.`}
                  error={query.error?.message ?? null}
                />
              </>
            )}
          </TableState>
        </div>
      </section>
      {openId ? <CommandHistory id={openId} onClose={() => setOpenId(null)} /> : null}
    </div>
  );
}
