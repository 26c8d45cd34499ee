'use client';
// The moment shown, as date and time; in replay also a date-time field to go to any moment of the kept history
// (beyond the last 24 h the 1 s tier answers).
import { useEffect, useState } from 'react';
import type { ReplayEngine } from './replay-engine';
import { useReplayStore } from './replay-store';
import { formatMoment, fromDateTimeLocal, toDateTimeLocal } from './replay-time';
import { serverNow } from '@/components/realtime/pose-store';

export function MomentField({ engine }: { engine: ReplayEngine }) {
  const mode = useReplayStore((s) => s.mode);
  const at = useReplayStore((s) => s.at);
  const [draft, setDraft] = useState<string | null>(null);
  // The clock in live mode: the present, refreshed each second.
  const [, setTick] = useState(0);
  useEffect(() => {
    if (mode !== 'live') return;
    const t = setInterval(() => setTick((n) => n + 1), 1000);
    return () => clearInterval(t);
  }, [mode]);

  if (mode === 'live')
    return (
      <output className="replay-moment muted" data-testid="replay-moment">
        {formatMoment(serverNow())}
      </output>
    );
  const go = () => {
    const ms = draft === null ? null : fromDateTimeLocal(draft);
    setDraft(null);
    if (ms !== null) engine.jump(ms);
  };
  return (
    <div className="replay-moment-wrap">
      <output className="replay-moment" data-testid="replay-moment" data-at={Math.round(at)} aria-live="off">
        {formatMoment(at)}
      </output>
      <input
        type="datetime-local"
        step="1"
        aria-label="Go to date and time"
        data-testid="replay-goto"
        value={draft ?? toDateTimeLocal(at)}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={go}
        onKeyDown={(e) => {
          if (e.key === 'Enter') go();
        }}
      />
    </div>
  );
}
