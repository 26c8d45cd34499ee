'use client';
// Opens the command palette from the nav bar (Ctrl/Cmd+K does the same on every page).
import { setPaletteOpen } from './command-flow-store';
import './commands.css';

export function PaletteButton() {
  return (
    <button
      type="button"
      className="palette-button"
      onClick={() => setPaletteOpen(true)}
      aria-keyshortcuts="Control+K Meta+K"
      title="Command palette"
    >
      Run command… <kbd>Ctrl K</kbd>
    </button>
  );
}
