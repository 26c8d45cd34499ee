'use client';
// The filter bar of a list page: a labelled form that never submits, its text search first, the page's own
// filters, then "Clear filters" while anything is filtered.
import type { ReactNode } from 'react';
import { ListSearch } from './ListSearch';

export function ListFilterForm(p: {
  className: string;
  label: string;
  search: { value: string; placeholder: string; testId: string; onChange(v: string): void };
  filtered: boolean;
  onClear(): void;
  children: ReactNode;
}) {
  return (
    <form className={p.className} aria-label={p.label} onSubmit={(e) => e.preventDefault()}>
      <ListSearch label="Search" {...p.search} />
      {p.children}
      {p.filtered ? (
        <button type="button" className="small-button" onClick={p.onClear}>
          Clear filters
        </button>
      ) : null}
    </form>
  );
}
