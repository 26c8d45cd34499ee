'use client';
// The event ticks on the scrubber, clustered when dense; each is a button that jumps to its first event.
import { memo, useMemo } from 'react';
import type { HistoryEvent } from '@/server/domain/history/history-event';
import type { TimeWindow } from './replay-time';
import { formatMoment } from './replay-time';
import { clusterTicks } from './tick-clusters';

interface Props {
  events: HistoryEvent[];
  window: TimeWindow;
  width: number;
  onJump(at: number): void;
}

export const TickMarks = memo(function TickMarks({ events, window: w, width, onJump }: Props) {
  // Re-cluster only when the window moved by a pixel's worth, not on every play head publish.
  const px = width > 0 ? (w.to - w.from) / width : 1;
  const key = Math.round(w.from / px);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for `w` at one-pixel resolution
  const clusters = useMemo(() => (width > 0 ? clusterTicks(events, w, width) : []), [events, key, width]);
  return (
    <>
      {clusters.map((c) => (
        <button
          key={`${c.at}-${c.count}`}
          type="button"
          className={`replay-tick level-${c.level}${c.count > 1 ? ' cluster' : ''}`}
          style={{ left: `${c.position * 100}%` }}
          data-testid="replay-tick"
          data-at={c.at}
          data-count={c.count}
          data-kinds={c.kinds.join(' ')}
          data-robot-ids={c.robotIds.join(' ')}
          aria-label={`${formatMoment(c.at)}: ${c.label}`}
          title={`${formatMoment(c.at)}\n${c.label}`}
          onClick={() => onJump(c.at)}
        >
          {c.count > 1 ? <span className="replay-tick-count">{c.count > 99 ? '99+' : c.count}</span> : null}
        </button>
      ))}
    </>
  );
});
