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
    <ul id={id} role="listbox" aria-label={label} className="option-list">
      {items.map((item, i) => (
        <li
          key={optionKey(item)}
          id={optionId(i)}
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
