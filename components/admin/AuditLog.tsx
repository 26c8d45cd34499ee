'use client';
// /admin/audit: the audit log newest first, filtered (actor, action, outcome, time window), "Load more" through
// the cursor, and "Export CSV" of the same filters (GET /api/audit.csv). Filters live in the page URL too.
import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTRPC } from '@/components/trpc/trpc-context';
import { LoadFailed, StateMessage } from '@/components/ui/StateMessage';
import { auditCsvHref, isAuditFiltered, queryFromForm, toAuditFilter, type AuditFilterForm } from './audit-filter';
import { AuditFilters } from './AuditFilters';
import { AuditTable } from './AuditTable';
import { errorText } from './error-text';

const PAGE_SIZE = 100;

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

export function AuditLog({ initial }: { initial: AuditFilterForm }) {
  const trpc = useTRPC();
  const [form, setForm] = useState<AuditFilterForm>(initial);
  const actor = useDebounced(form.actor, 300);
  const filter = useMemo(() => toAuditFilter({ ...form, actor }), [form, actor]);
  const query = useInfiniteQuery({
    ...trpc.audit.list.infiniteQueryOptions({ ...filter, limit: PAGE_SIZE }, { getNextPageParam: (p) => p.nextCursor ?? undefined }),
    staleTime: 0,
  });
  const rows = useMemo(() => query.data?.pages.flatMap((p) => p.items) ?? [], [query.data]);

  useEffect(() => {
    const q = queryFromForm({ ...form, actor });
    window.history.replaceState(window.history.state, '', q ? `${window.location.pathname}?${q}` : window.location.pathname);
  }, [form, actor]);

  let body;
  if (query.isPending) body = <StateMessage title="Loading the audit log…" busy testId="audit-loading" />;
  else if (query.error && rows.length === 0)
    body = <LoadFailed title="Could not load the audit log" message={errorText(query.error)} retry={() => void query.refetch()} testId="audit-error" />;
  else if (rows.length === 0)
    body = (
      <StateMessage title={isAuditFiltered(form) ? 'No entry matches the filters' : 'The audit log is empty'} testId="audit-empty">
        Sign-ins, commands, refusals and administration are recorded here as they happen.
      </StateMessage>
    );
  else
    body = (
      <>
        <AuditTable rows={rows} />
        <div className="admin-more">
          {query.hasNextPage ? (
            <button type="button" className="small-button" disabled={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()} data-testid="audit-load-more">
              {query.isFetchingNextPage ? 'Loading…' : 'Load more'}
            </button>
          ) : (
            <span className="muted">
              All {rows.length} entr{rows.length === 1 ? 'y' : 'ies'} shown.
            </span>
          )}
          {query.error ? <span className="bad">{errorText(query.error)}</span> : null}
        </div>
      </>
    );

  return (
    <section className="admin-page" aria-label="Audit log">
      <header className="admin-header">
        <h1>Audit log</h1>
        <span className="muted">Newest first</span>
        <span className="spacer" />
        <button type="button" className="small-button" disabled={query.isFetching} onClick={() => void query.refetch()} data-testid="audit-refresh">
          {query.isFetching && !query.isFetchingNextPage ? 'Refreshing…' : 'Refresh'}
        </button>
        <a className="button-link small" href={auditCsvHref(filter)} download data-testid="audit-export">
          Export CSV
        </a>
      </header>
      <AuditFilters value={form} onChange={setForm} />
      <div className="admin-scroll">{body}</div>
    </section>
  );
}
