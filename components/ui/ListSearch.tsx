'use client';
// The text filter of a list page: a labelled search box. Typing replaces the URL entry (no history step per key).
import './lists.css';

export function ListSearch(p: { label: string; value: string; placeholder: string; testId: string; onChange(v: string): void }) {
  return (
    <label className="list-search">
      {p.label}
      <input
        type="search"
        value={p.value}
        placeholder={p.placeholder}
        onChange={(e) => p.onChange(e.target.value)}
        data-testid={p.testId}
      />
    </label>
  );
}
