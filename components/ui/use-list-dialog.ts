'use client';
// The state of a list dialog (a filter box over a listbox): the query and the items it shows, the active option
// and its keys (useListKeys), and focus (the filter box on open, back where it was on close; useDialogFocus).
// Spread `input` on FilterInput and `list` on OptionList; put `box` on the dialog element.
import { useId, useMemo, useRef, useState } from 'react';
import { useDialogFocus } from './use-dialog-focus';
import { useListKeys } from './use-list-keys';

export function useListDialog<A, T>(
  items: A,
  filter: (items: A, query: string) => readonly T[],
  onChoose: (item: T) => void,
  onClose: () => void,
) {
  const [query, setQuery] = useState('');
  const shown = useMemo(() => filter(items, query), [filter, items, query]);
  const listId = useId();
  const { active, setActive, onKeyDown, optionId } = useListKeys(shown, onChoose, onClose, listId);
  const box = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  useDialogFocus(box, inputRef);
  const onQuery = (q: string) => {
    setQuery(q);
    setActive(0);
  };
  return {
    box,
    query,
    shown,
    input: { inputRef, listId, activeOptionId: shown.length ? optionId(active) : undefined, value: query, onQuery, onKeyDown },
    list: { id: listId, items: shown, active, optionId, setActive, onChoose },
  };
}
