'use client';
// Keyboard: Escape clears the selection; "/" focuses the robot search (unless already typing).
// Ctrl/Cmd+K (command palette) is handled by CommandPaletteHost on every page.
import { useEffect, type RefObject } from 'react';
import { useCommandFlow } from '@/components/commands';
import { useFleetStore } from '@/components/realtime/fleet-store';

function isTyping(t: EventTarget | null): boolean {
  return t instanceof HTMLElement && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName));
}

export function useFleetShortcuts(searchRef: RefObject<HTMLInputElement | null>): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // A dialog, the palette or map picking owns the keyboard while open.
      const flow = useCommandFlow.getState();
      if (e.defaultPrevented || flow.pending || flow.paletteOpen || flow.stopAllOpen) return;
      if (e.key === 'Escape') {
        useFleetStore.getState().select(null);
        if (isTyping(e.target)) (e.target as HTMLElement).blur();
      } else if (e.key === '/' && !isTyping(e.target) && !e.ctrlKey && !e.metaKey && !e.altKey) {
        e.preventDefault();
        searchRef.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [searchRef]);
}
