'use client';
// The /commands page: every command with its live status and timings, filters, "load more", CSV export, and the
// selected command's full history beside the table. The filters live in the page URL (?robot=&status=&type=
// &issuer=&at=): a reload or a shared link shows the same commands, and Back undoes a filter change.
import { useSearchParams } from 'next/navigation';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useFleetStore } from '@/components/realtime/fleet-store';
import { LoadMore, TableState } from '@/components/ui/TableState';
import { useDebounced } from '@/components/ui/use-debounced';
import { CommandHistory } from './CommandHistory';
import { hiddenNote, layoutFor } from './ledger-columns';
import { aroundMoment, formFromParams, isFiltered, ledgerQuery, parseAt, toLedgerFilter, type LedgerFilterForm } from './ledger-filter';
import { LedgerExport } from './LedgerExport';
import { LedgerFilters } from './LedgerFilters';
import { LedgerTable } from './LedgerTable';
import { useLedgerRows } from './use-ledger-rows';
import { useWidth } from './use-width';
import '../commands.css';
import './ledger.css';

/** Puts the filters in the URL: a new history entry for a choice, a replaced one while typing. */
function navigate(form: LedgerFilterForm, at: string | null, mode: 'push' | 'replace'): void {
  const q = ledgerQuery(form, at);
  const url = q ? `${window.location.pathname}?${q}` : window.location.pathname;
  if (url === `${window.location.pathname}${window.location.search}`) return;
  // State null, not history.state: Next.js syncs useSearchParams only for calls that do not carry its own state.
  if (mode === 'push') window.history.pushState(null, '', url);
  else window.history.replaceState(null, '', url);
}

export function CommandLedger() {
  const params = useSearchParams();
  const form = useMemo(() => formFromParams(params), [params]);
  const atParam = params.get('at');
  // Opened from a replayed moment (the replay banner's link): commands issued within 5 min of it, until cleared.
  const at = parseAt(atParam);

  // The issuer box follows the URL (Back) and writes to it once typing pauses.
  const [issuerDraft, setIssuerDraft] = useState(form.issuer);
  useEffect(() => setIssuerDraft(form.issuer), [form.issuer]);
  const issuer = useDebounced(issuerDraft, 300);
  const written = useRef(issuer);
  useEffect(() => {
    if (issuer === written.current) return;
    written.current = issuer;
    if (issuer !== form.issuer) navigate({ ...form, issuer }, atParam, 'replace');
  }, [issuer, form, atParam]);

  const filter = useMemo(() => ({ ...toLedgerFilter(form), ...(at !== null && aroundMoment(at)) }), [form, at]);
  const { query, rows } = useLedgerRows(filter);
  const [openId, setOpenId] = useState<string | null>(null);
  const connection = useFleetStore((s) => s.connection);
  const main = useRef<HTMLElement>(null);
  const layout = layoutFor(useWidth(main));
  const note = hiddenNote(layout);
  const filtered = isFiltered(form) || at !== null;

  return (
    <div className={openId ? 'ledger with-history' : 'ledger'}>
      <section className="ledger-main" aria-label="Command ledger" ref={main}>
        <header className="ledger-header">
          <h1>Command ledger</h1>
          <span className={connection === 'live' ? 'muted' : 'warn'} role="status">
            {connection === 'live' ? 'Live: statuses update as robots report' : 'Reconnecting: statuses may be behind'}
          </span>
          <LedgerExport filter={filter} filtered={filtered} />
        </header>
        <LedgerFilters
          value={{ ...form, issuer: issuerDraft }}
          onChange={(next) => {
            setIssuerDraft(next.issuer);
            navigate(next, atParam, 'push');
          }}
          onIssuer={setIssuerDraft}
        />
        {at !== null ? (
          <p className="ledger-moment" role="status" data-testid="ledger-moment">
            Commands issued within 5 min of {new Date(at).toLocaleString()}{' '}
            <button type="button" className="link-button" onClick={() => navigate(form, null, 'push')}>
              Show all
            </button>
          </p>
        ) : null}
        {note && rows.length > 0 ? (
          <p className="muted ledger-note" data-testid="ledger-columns-note">
            {note}
          </p>
        ) : null}
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
              empty: filtered ? 'No command matches the filters' : 'No commands yet',
            }}
            emptyHint="Commands sent from the robot panel, the command palette (Ctrl+K) or Stop all appear here as they happen."
          >
            {(shown) => (
              <>
                <LedgerTable rows={shown} selectedId={openId} layout={layout} onOpen={setOpenId} />
                <LoadMore
                  query={query}
                  testId="ledger-load-more"
                  shown={`All ${shown.length} ${shown.length === 1 ? 'command' : 'commands'} shown.`}
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
