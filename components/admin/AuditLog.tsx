'use client';
// /admin/audit: the audit log newest first, filtered (actor, action, outcome, time window), "Load more" through
// the cursor, and "Export CSV" of the same filters (GET /api/audit.csv). Filters live in the page URL too.
import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTRPC } from '@/components/trpc/trpc-context';
import { LoadMore, TableState } from '@/components/ui/TableState';
import { useDebounced } from '@/components/ui/use-debounced';
import { auditCsvHref, isAuditFiltered, queryFromForm, toAuditFilter, type AuditFilterForm } from './audit-filter';
import { AuditFilters } from './AuditFilters';
import { AuditTable } from './AuditTable';
import { errorText } from './error-text';

const PAGE_SIZE = 100;

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

  return (
    <section className="admin-page" aria-label="Audit log">
      <header className="admin-header">
        <h1>Audit log</h1>
        <span className="muted">Newest first</span>
        <span className="spacer" />
        <button
          type="button"
          className="small-button"
          disabled={query.isFetching}
          onClick={() => void query.refetch()}
          data-testid="audit-refresh"
        >
          {query.isFetching && !query.isFetchingNextPage ? 'Refreshing…' : 'Refresh'}
        </button>
        <a className="button-link small" href={auditCsvHref(filter)} download data-testid="audit-export">
          Export CSV
        </a>
      </header>
      <AuditFilters value={form} onChange={setForm} />
      <div className="admin-scroll">
        <TableState
          testId="audit"
          pending={query.isPending}
          failure={query.error && rows.length === 0 ? errorText(query.error) : null}
          retry={() => void query.refetch()}
          rows={rows}
          titles={{
            loading: 'Loading the audit log…',
            failed: 'Could not load the audit log',
            empty: isAuditFiltered(form) ? 'No entry matches the filters' : 'The audit log is empty',
          }}
          emptyHint="Sign-ins, commands, refusals and administration are recorded here as they happen."
        >
          {(shown) => (
            <>
              <AuditTable rows={shown} />
              <LoadMore
                query={query}
                testId="audit-load-more"
                shown={`All ${shown.length} entr${shown.length === 1 ? 'y' : 'ies'} shown.`}
                error={query.error ? errorText(query.error) : null}
              />
            </>
          )}
        </TableState>
      </div>
    </section>
  );
}
