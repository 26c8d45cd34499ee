'use client';
// The listbox of a list dialog: the active option is marked (aria-selected), follows the mouse, and a click
// chooses; pressing on an option does not take focus from the filter box.
import type { ReactNode } from 'react';

interface Props<T> {
  id: string;
  label: string;
  items: readonly T[];
  active: number;
  optionId(i: number): string;
  setActive(i: number): void;
  onChoose(item: T): void;
  optionKey(item: T): string;
  /** data-* attributes of an option (its test id, what it stands for). */
  optionData?(item: T): Record<`data-${string}`, string>;
  children(item: T): ReactNode;
}

export function OptionList<T>({ id, label, items, active, optionId, setActive, onChoose, optionKey, optionData, children }: Props<T>) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: ARIA in HTML allows role=listbox on <ul> (and option on <li>); the list keeps its list styling
    <ul id={id} role="listbox" aria-label={label} className="option-list">
      {items.map((item, i) => (
        // biome-ignore lint/a11y/useFocusableInteractive lint/a11y/useKeyWithClickEvents: aria-activedescendant listbox: focus stays in the filter box, which moves the active option with ↑/↓ and chooses it with Enter, so options take no focus or keys of their own
        <li
          key={optionKey(item)}
          id={optionId(i)}
          // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: ARIA in HTML allows role=option on an <li> of a listbox <ul>
          role="option"
          aria-selected={i === active}
          className={i === active ? 'active' : undefined}
          {...optionData?.(item)}
          onMouseDown={(e) => e.preventDefault()}
          onMouseEnter={() => setActive(i)}
          onClick={() => onChoose(item)}
        >
          {children(item)}
        </li>
      ))}
    </ul>
  );
}
