'use client';
// /admin/audit: the audit log newest first, filtered (actor, action, outcome, time window), "Load more" through
// the cursor, and "Export CSV" of the same filters (GET /api/audit.csv). Filters and the header sort live in the
// page URL (a reload or a shared link keeps them; Back undoes a choice). A header sort orders the loaded entries.
import { useInfiniteQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { nextSort } from '@/components/ui/list-query';
import { useListState } from '@/components/ui/use-list-state';
import { useTRPC } from '@/components/trpc/trpc-context';
import { LoadMore, TableState } from '@/components/ui/TableState';
import { useDebounced } from '@/components/ui/use-debounced';
import { AUDIT_FIRST_DIR, AUDIT_LIST, AUDIT_SORTS, auditCsvHref, isAuditFiltered, sortAudit, toAuditFilter } from './audit-filter';
import { AuditFilters } from './AuditFilters';
import { AuditTable } from './AuditTable';
import { errorText } from './error-text';

const PAGE_SIZE = 100;

export function AuditLog() {
  const trpc = useTRPC();
  const [form, setForm] = useListState(AUDIT_LIST);
  const actor = useDebounced(form.actor, 300);
  // The query changes with the filters only (a sort must not refetch).
  const { action, outcome, from, to } = form;
  const filter = useMemo(
    () => toAuditFilter({ ...AUDIT_LIST.defaults, actor, action, outcome, from, to }),
    [actor, action, outcome, from, to],
  );
  const query = useInfiniteQuery({
    ...trpc.audit.list.infiniteQueryOptions({ ...filter, limit: PAGE_SIZE }, { getNextPageParam: (p) => p.nextCursor ?? undefined }),
    staleTime: 0,
  });
  const loaded = useMemo(() => query.data?.pages.flatMap((p) => p.items) ?? [], [query.data]);
  const rows = useMemo(() => sortAudit(loaded, form), [loaded, form]);
  const dir = form.dir === 'asc' ? 'asc' : 'desc';
  const tableSort = {
    sort: form.sort,
    dir,
    onSort: (key: string) => setForm(nextSort(form, key, AUDIT_FIRST_DIR[AUDIT_SORTS.find((k) => k === key) ?? 'time'])),
  } as const;
  const partlySorted = query.hasNextPage && !(form.sort === 'time' && dir === 'desc');

  return (
    <section className="admin-page" aria-label="Audit log">
      <header className="admin-header">
        <h1>Audit log</h1>
        <span className="muted" data-testid="audit-order">
          {partlySorted ? `Sorted within the ${loaded.length} entries loaded; Load more adds older ones` : orderText(form.sort, dir)}
        </span>
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
              <AuditTable rows={shown} {...tableSort} />
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

function orderText(sort: string, dir: 'asc' | 'desc'): string {
  if (sort === 'time') return dir === 'desc' ? 'Newest first' : 'Oldest first';
  return `By ${sort}, ${dir === 'asc' ? 'A → Z' : 'Z → A'}`;
}
