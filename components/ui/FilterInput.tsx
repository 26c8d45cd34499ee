'use client';
// The filter box of a list dialog (combobox pattern; the command palette and the target picker use it):
// typing filters and resets the active option; the keys come from useListKeys. It takes the dialog's whole width
// (ui.css), so its placeholder is never cut; the label is also its tooltip.
import type { KeyboardEvent, RefObject } from 'react';
import './ui.css';

export function FilterInput(p: {
  inputRef: RefObject<HTMLInputElement | null>;
  listId: string;
  activeOptionId: string | undefined;
  label: string;
  placeholder: string;
  value: string;
  onQuery(q: string): void;
  onKeyDown(e: KeyboardEvent<HTMLElement>): void;
}) {
  return (
    <input
      ref={p.inputRef}
      type="text"
      role="combobox"
      aria-expanded="true"
      aria-controls={p.listId}
      aria-activedescendant={p.activeOptionId}
      aria-label={p.label}
      title={p.label}
      className="filter-input"
      placeholder={p.placeholder}
      value={p.value}
      onChange={(e) => p.onQuery(e.target.value)}
      onKeyDown={p.onKeyDown}
    />
  );
}
