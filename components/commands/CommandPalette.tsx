'use client';
// Command palette (Ctrl/Cmd+K on every page): type to filter, ↑/↓ to move, Enter to run, Esc to close.
// Commands apply to the selected robot(s); typing a serial number or name finds a robot to follow or open.
import { useEffect } from 'react';
import { FilterInput } from '@/components/ui/FilterInput';
import { OptionList } from '@/components/ui/OptionList';
import { trapTab } from '@/components/ui/use-dialog-focus';
import { useListDialog } from '@/components/ui/use-list-dialog';
import { setPaletteOpen, useCommandFlow } from './command-flow-store';
import { isPaletteShortcut, rankActions, type PaletteAction } from './palette-actions';
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
  const run = (a: PaletteAction) => {
    onClose();
    a.run();
  };
  const d = useListDialog(actions, rankActions, run, onClose);
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a press on the backdrop outside the dialog is a mouse shortcut for closing; from the keyboard the filter box closes it on Escape
    <div className="modal-backdrop palette-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        ref={d.box}
        className="modal palette"
        role="dialog"
        aria-modal="true"
        aria-label="Command palette"
        data-testid="command-palette"
        onKeyDown={trapTab}
      >
        <FilterInput {...d.input} label="Type a command or a robot's serial or name" placeholder="Command, or robot serial / name…" />
        <OptionList
          {...d.list}
          label="Commands"
          optionKey={(a) => a.id}
          optionData={(a) => ({ 'data-testid': 'palette-option', 'data-action': a.id })}
        >
          {(a) => (
            <>
              <span>{a.label}</span>
              {a.hint ? <span className="muted">{a.hint}</span> : null}
            </>
          )}
        </OptionList>
        {d.shown.length === 0 ? <p className="muted pad">No command or robot matches “{d.query}”.</p> : null}
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
