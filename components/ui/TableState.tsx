'use client';
// The states of a table fed by a query, in one place: loading; failed with nothing to show (what failed, why, and
// a retry); empty (why, and what would fill it); else the table. Test ids: `<testId>-loading|-error|-empty`.
import type { ReactNode } from 'react';
import { LoadFailed, StateMessage } from './StateMessage';
import './ui.css';

interface Props<T> {
  testId: string;
  pending: boolean;
  /** The failed state's message; null to show the rows (a paged list keeps what it has when "load more" fails). */
  failure: string | null;
  retry(): void;
  rows: readonly T[] | undefined;
  titles: { loading: string; failed: string; empty: string };
  emptyHint?: ReactNode;
  children(rows: readonly T[]): ReactNode;
}

export function TableState<T>({ testId, pending, failure, retry, rows, titles, emptyHint, children }: Props<T>) {
  if (pending) return <StateMessage title={titles.loading} busy testId={`${testId}-loading`} />;
  if (failure !== null) return <LoadFailed title={titles.failed} message={failure} retry={retry} testId={`${testId}-error`} />;
  if (!rows || rows.length === 0)
    return (
      <StateMessage title={titles.empty} testId={`${testId}-empty`}>
        {emptyHint}
      </StateMessage>
    );
  return children(rows);
}

interface PagedQuery {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage(): unknown;
}

/** Below a paged table: "Load more" while there is a next page, else how many are shown; a failed page's error. */
export function LoadMore({ query, testId, shown, error }: { query: PagedQuery; testId: string; shown: ReactNode; error: string | null }) {
  return (
    <div className="load-more">
      {query.hasNextPage ? (
        <button
          type="button"
          className="small-button"
          disabled={query.isFetchingNextPage}
          onClick={() => void query.fetchNextPage()}
          data-testid={testId}
        >
          {query.isFetchingNextPage ? 'Loading…' : 'Load more'}
        </button>
      ) : (
        <span className="muted">{shown}</span>
      )}
      {error ? <span className="bad">{error}</span> : null}
    </div>
  );
}
