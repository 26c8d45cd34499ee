'use client';
// A table whose column headers sort it: each sortable header is a button (Tab to it, Enter or Space to sort; a
// second press flips the direction), the sorted column carries aria-sort and an arrow. Columns without `sortKey`
// (row actions, free-form detail) are plain headings. Test ids: `<testId>-sort-<key>` on the header buttons.
import type { ReactNode } from 'react';
import type { SortDir } from './list-query';
import './lists.css';

export interface SortColumn {
  label: string;
  /** The list state's sort value for this column; absent: not sortable. */
  sortKey?: string;
  title?: string;
  srOnly?: boolean;
}

interface Props {
  className: string;
  testId: string;
  columns: readonly SortColumn[];
  sort: string;
  dir: SortDir;
  onSort(key: string): void;
  children: ReactNode;
}

const ARIA_SORT = { asc: 'ascending', desc: 'descending' } as const;
const ARROW = { asc: '▲', desc: '▼' } as const;

export function SortableTable({ className, testId, columns, sort, dir, onSort, children }: Props) {
  return (
    <table className={className} data-testid={testId} data-sort={sort} data-dir={dir}>
      <thead>
        <tr>
          {columns.map((c) => {
            const active = c.sortKey !== undefined && c.sortKey === sort;
            return (
              <th key={c.label} scope="col" title={c.title} aria-sort={c.sortKey ? (active ? ARIA_SORT[dir] : 'none') : undefined}>
                {c.srOnly ? (
                  <span className="sr-only">{c.label}</span>
                ) : c.sortKey ? (
                  <SortButton label={c.label} sortKey={c.sortKey} active={active} dir={dir} testId={testId} onSort={onSort} />
                ) : (
                  c.label
                )}
              </th>
            );
          })}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}

function SortButton(p: { label: string; sortKey: string; active: boolean; dir: SortDir; testId: string; onSort(key: string): void }) {
  const next = p.active && p.dir === 'asc' ? 'descending' : 'ascending';
  return (
    <button
      type="button"
      className={p.active ? 'sort-button sorted' : 'sort-button'}
      onClick={() => p.onSort(p.sortKey)}
      aria-label={p.active ? `${p.label}, sorted ${ARIA_SORT[p.dir]}; sort ${next}` : `Sort by ${p.label}`}
      data-testid={`${p.testId}-sort-${p.sortKey}`}
    >
      {p.label}
      <span className="sort-arrow" aria-hidden="true">
        {p.active ? ARROW[p.dir] : '↕'}
      </span>
    </button>
  );
}
