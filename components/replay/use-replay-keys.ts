'use client';
// Keyboard on the fleet page while replaying: Space plays/pauses, ←/→ step (Shift: ten steps), L goes live.
// Keys typed into fields, or Space on a focused button, keep their usual meaning.
import { useEffect } from 'react';
import { useCommandFlow } from '@/components/commands';
import type { ReplayEngine } from './replay-engine';
import { useReplayStore } from './replay-store';
import { stepSize } from './replay-time';

function isTyping(t: EventTarget | null): boolean {
  return t instanceof HTMLElement && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName));
}

export function useReplayKeys(engine: ReplayEngine): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const flow = useCommandFlow.getState();
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || flow.pending || flow.paletteOpen || flow.stopAllOpen) return;
      const st = useReplayStore.getState();
      if (st.mode !== 'replay' || isTyping(e.target)) return;
      if (e.key === ' ' && !(e.target instanceof HTMLButtonElement)) {
        e.preventDefault();
        engine.setPlaying(!st.playing);
      } else if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
        e.preventDefault();
        const step = stepSize(st.spanMs) * (e.shiftKey ? 10 : 1);
        engine.step(e.key === 'ArrowLeft' ? -step : step);
      } else if (e.key === 'l' || e.key === 'L') {
        e.preventDefault();
        engine.goLive();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [engine]);
}
