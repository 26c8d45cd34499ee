'use client';
// Command palette (Ctrl/Cmd+K on every page): type to filter, ↑/↓ to move, Enter to run, Esc to close.
// Commands apply to the selected robot(s).
import { FilterInput } from '@/components/ui/FilterInput';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { setPaletteOpen, useCommandFlow } from './command-flow-store';
import { isPaletteShortcut, rankActions, type PaletteAction } from './palette-actions';
import { trapTab, useDialogFocus } from '@/components/ui/use-dialog-focus';
import { useListKeys } from '@/components/ui/use-list-keys';
import { usePaletteActions } from './use-palette-actions';
import './commands.css';

export function CommandPaletteHost() {
  const open = useCommandFlow((s) => s.paletteOpen);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!isPaletteShortcut(e)) return;
      e.preventDefault();
      setPaletteOpen(!useCommandFlow.getState().paletteOpen);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return open ? <CommandPalette onClose={() => setPaletteOpen(false)} /> : null;
}

function CommandPalette({ onClose }: { onClose(): void }) {
  const actions = usePaletteActions();
  const [query, setQuery] = useState('');
  const shown = useMemo(() => rankActions(actions, query), [actions, query]);
  const listId = useId();
  const run = (a: PaletteAction) => {
    onClose();
    a.run();
  };
  const { active, setActive, onKeyDown, optionId } = useListKeys(shown, run, onClose, listId);
  const box = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLInputElement>(null);
  useDialogFocus(box, input);
  return (
    <div className="modal-backdrop palette-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div ref={box} className="modal palette" role="dialog" aria-modal="true" aria-label="Command palette" data-testid="command-palette" onKeyDown={trapTab}>
        <FilterInput
          inputRef={input}
          listId={listId}
          activeOptionId={shown.length ? optionId(active) : undefined}
          label="Type a command"
          placeholder="Type a command…"
          value={query}
          onQuery={(q) => {
            setQuery(q);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
        />
        <ul id={listId} role="listbox" aria-label="Commands" className="option-list">
          {shown.map((a, i) => (
            <li
              key={a.id}
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : undefined}
              data-testid="palette-option"
              data-action={a.id}
              onMouseDown={(e) => e.preventDefault()}
              onMouseEnter={() => setActive(i)}
              onClick={() => run(a)}
            >
              <span>{a.label}</span>
              {a.hint ? <span className="muted">{a.hint}</span> : null}
            </li>
          ))}
        </ul>
        {shown.length === 0 ? <p className="muted pad">No command matches “{query}”.</p> : null}
        {!actions.some((a) => a.id.startsWith('cmd-')) ? (
          <p className="muted palette-hint">Select robots (click, shift-click or shift-drag in the 3D view) to send them commands.</p>
        ) : null}
        <p className="palette-keys muted">
          <kbd>↑</kbd> <kbd>↓</kbd> move · <kbd>Enter</kbd> run · <kbd>Esc</kbd> close
        </p>
      </div>
    </div>
  );
}
