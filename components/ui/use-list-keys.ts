'use client';
// Keyboard for a filter box over a list (combobox pattern): Up/Down/Home/End move the active option,
// Enter chooses it, Escape closes. The active option scrolls into view.
import { useEffect, useState, type KeyboardEvent } from 'react';

export function useListKeys<T>(items: readonly T[], onChoose: (item: T) => void, onClose: () => void, listId: string) {
  const [active, setActive] = useState(0);
  const clamped = Math.min(active, Math.max(0, items.length - 1));
  useEffect(() => {
    document.getElementById(`${listId}-${clamped}`)?.scrollIntoView({ block: 'nearest' });
  }, [clamped, listId]);
  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    const n = items.length;
    const move = (to: number) => {
      e.preventDefault();
      setActive(n === 0 ? 0 : (to + n) % n);
    };
    if (e.key === 'ArrowDown') move(clamped + 1);
    else if (e.key === 'ArrowUp') move(clamped - 1);
    else if (e.key === 'Home' && e.ctrlKey) move(0);
    else if (e.key === 'End' && e.ctrlKey) move(n - 1);
    else if (e.key === 'Enter') {
      e.preventDefault();
      const item = items[clamped];
      if (item !== undefined) onChoose(item);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onClose();
    }
  };
  return { active: clamped, setActive, onKeyDown, optionId: (i: number) => `${listId}-${i}` };
}
