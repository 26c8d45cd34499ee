'use client';
// Keyboard: Escape clears the selection; "/" focuses the robot search (unless already typing).
import { useEffect, type RefObject } from 'react';
import { useFleetStore } from '@/components/realtime/fleet-store';

function isTyping(t: EventTarget | null): boolean {
  return t instanceof HTMLElement && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName));
}

export function useFleetShortcuts(searchRef: RefObject<HTMLInputElement | null>): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
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
