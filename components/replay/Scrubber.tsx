'use client';
// The scrubber: the visible span as a track, the play head, and the event ticks. Click or drag to go to a moment
// (from live too: that enters replay); a tick jumps to its first event. Keyboard: the track is a slider.
import { useEffect, useRef, useState, type PointerEvent } from 'react';
import { serverNow } from '@/components/realtime/pose-store';
import type { ReplayEngine } from './replay-engine';
import type { ReplaySource } from './replay-source';
import { useReplayStore } from './replay-store';
import { formatMoment, fractionOf, stepSize, timeAtFraction, viewWindow, type TimeWindow } from './replay-time';
import { TickMarks } from './TickMarks';
import { useTickEvents } from './use-tick-events';

/** The present, refreshed every `ms`; held while `hold` (the pointer is over the track: the span must not slide under it). */
function useNowEvery(ms: number, hold: boolean): number {
  const [now, setNow] = useState(() => serverNow());
  useEffect(() => {
    if (hold) return;
    setNow(serverNow());
    const t = setInterval(() => setNow(serverNow()), ms);
    return () => clearInterval(t);
  }, [ms, hold]);
  return now;
}

function useWidth(ref: React.RefObject<HTMLElement | null>): number {
  const [w, setW] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setW(el.clientWidth));
    ro.observe(el);
    setW(el.clientWidth);
    return () => ro.disconnect();
  }, [ref]);
  return w;
}

export function Scrubber({ engine, source }: { engine: ReplayEngine; source: ReplaySource }) {
  const mode = useReplayStore((s) => s.mode);
  const storeAt = useReplayStore((s) => s.at);
  const spanMs = useReplayStore((s) => s.spanMs);
  const [hover, setHover] = useState(false);
  const now = useNowEvery(mode === 'live' ? 5_000 : 1_000, hover);
  const trackRef = useRef<HTMLDivElement>(null);
  const width = useWidth(trackRef);
  const [drag, setDrag] = useState<{ at: number; w: TimeWindow } | null>(null);
  const live = mode === 'live';
  const at = drag?.at ?? (live ? now : storeAt);
  // While dragging the window holds still, so the track does not slide under the pointer.
  const w = drag?.w ?? viewWindow(at, spanMs, now);
  const ticks = useTickEvents(source, w, w.to > now - 60_000);

  const timeAt = (e: PointerEvent, win: TimeWindow) => {
    const r = trackRef.current!.getBoundingClientRect();
    return timeAtFraction((e.clientX - r.left) / Math.max(1, r.width), win);
  };

  return (
    <div className="replay-scrubber">
      <div
        ref={trackRef}
        className="replay-track"
        role="slider"
        tabIndex={0}
        data-testid="replay-scrubber"
        data-from={Math.round(w.from)}
        data-to={Math.round(w.to)}
        aria-label="Moment to replay"
        aria-valuemin={Math.round(w.from)}
        aria-valuemax={Math.round(w.to)}
        aria-valuenow={Math.round(at)}
        aria-valuetext={live ? 'Live' : formatMoment(at)}
        onPointerEnter={() => setHover(true)}
        onPointerLeave={() => setHover(false)}
        onPointerDown={(e) => {
          if (e.button !== 0 || (e.target as HTMLElement).closest('.replay-tick')) return;
          e.currentTarget.setPointerCapture(e.pointerId);
          setDrag({ at: timeAt(e, w), w });
        }}
        onPointerMove={(e) => drag && setDrag({ ...drag, at: timeAt(e, drag.w) })}
        onPointerUp={() => {
          if (!drag) return;
          setDrag(null);
          engine.jump(drag.at);
        }}
        onPointerCancel={() => setDrag(null)}
        onKeyDown={(e) => {
          // In replay the page's keys step (use-replay-keys); from live, an arrow enters replay a step back.
          if (live && e.key === 'ArrowLeft') {
            e.preventDefault();
            engine.jump(now - stepSize(spanMs));
          }
        }}
      >
        <div className="replay-playhead" style={{ left: `${fractionOf(at, w) * 100}%` }} aria-hidden />
        <TickMarks events={ticks.data ?? []} window={w} width={width} onJump={(t) => engine.jump(t)} />
      </div>
      <div className="replay-scale muted">
        <span>{formatMoment(w.from).slice(0, 19)}</span>
        {ticks.error ? (
          <span className="warn" data-testid="replay-ticks-error">
            Events unavailable: {ticks.error.message}
          </span>
        ) : null}
        <span>{live ? 'now' : formatMoment(w.to).slice(0, 19)}</span>
      </div>
    </div>
  );
}
