'use client';
// One time-series chart of a robot's history (uPlot, loaded in the browser only). Clicking a time, or moving the
// cursor with the arrow keys and pressing Enter, picks that moment (the robot page opens the why view there).
import { useEffect, useRef, useState } from 'react';
import type uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartSeries {
  label: string;
  color: string;
  values: (number | null)[];
  /** Draw as steps (counts, states) rather than lines. */
  stepped?: boolean;
}

/** A vertical line at a moment (an event), in its category's colour. */
export interface ChartMark {
  ts: number;
  color: string;
}

const NO_MARKS: ChartMark[] = [];

export function HistoryChart({
  title,
  t,
  series,
  marks = NO_MARKS,
  onPick,
  height = 160,
  testId,
}: {
  title: string;
  marks?: ChartMark[];
  /** Epoch ms, ascending. */
  t: number[];
  series: ChartSeries[];
  onPick?(ts: number): void;
  height?: number;
  testId?: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;
  // Marks change without rebuilding the chart: the draw hook reads the latest, a redraw shows them.
  const markRef = useRef(marks);
  useEffect(() => {
    markRef.current = marks;
    plot.current?.redraw(false);
  }, [marks]);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    let cancelled = false;
    let observer: ResizeObserver | null = null;
    void import('uplot').then(({ default: UPlot }) => {
      if (cancelled) return;
      const xs = t.map((ms) => ms / 1000);
      const data: uPlot.AlignedData = [xs, ...series.map((s) => s.values)];
      const u = new UPlot(
        {
          width: Math.max(200, el.clientWidth),
          height,
          cursor: { drag: { x: false, y: false } },
          hooks: { draw: [(u: uPlot) => drawMarks(u, markRef.current)] },
          legend: { live: true },
          axes: [
            { stroke: '#8795a6', grid: { stroke: '#243040' }, ticks: { stroke: '#243040' } },
            { stroke: '#8795a6', grid: { stroke: '#243040' }, ticks: { stroke: '#243040' } },
          ],
          series: [
            {},
            ...series.map((s) => ({
              label: s.label,
              stroke: s.color,
              width: 1.5,
              ...(s.stepped ? { paths: UPlot.paths.stepped?.({ align: 1 }) } : {}),
            })),
          ],
        },
        data,
        el,
      );
      plot.current = u;
      u.over.addEventListener('click', () => {
        const left = u.cursor.left ?? -1;
        if (left >= 0) pick.current?.(Math.round(u.posToVal(left, 'x') * 1000));
      });
      observer = new ResizeObserver(() => u.setSize({ width: Math.max(200, el.clientWidth), height }));
      observer.observe(el);
    });
    return () => {
      cancelled = true;
      observer?.disconnect();
      plot.current?.destroy();
      plot.current = null;
    };
  }, [t, series, height]);

  // The keyboard way in: a range input over the samples moves the chart's cursor; Enter opens that moment.
  const [idx, setIdx] = useState(-1);
  const moveTo = (i: number) => {
    setIdx(i);
    const u = plot.current;
    const ts = t[i];
    if (u && ts !== undefined) u.setCursor({ left: u.valToPos(ts / 1000, 'x'), top: u.bbox.height / (2 * devicePixelRatio) });
  };
  const picked = idx >= 0 ? t[idx] : undefined;

  return (
    <figure className="history-chart card" data-testid={testId} data-points={t.length}>
      <figcaption>
        <strong>{title}</strong>{' '}
        <span className="muted">
          {t.length === 0
            ? 'no samples in this window'
            : `${t.length} points; click a time (or move the slider below and press Enter) to ask why`}
        </span>
      </figcaption>
      <div ref={box} aria-hidden />
      {t.length > 0 ? (
        <input
          type="range"
          className="history-chart-cursor"
          min={0}
          max={t.length - 1}
          value={idx < 0 ? t.length - 1 : idx}
          aria-label={`${title}: moment`}
          aria-valuetext={picked === undefined ? 'latest' : new Date(picked).toLocaleTimeString()}
          onChange={(e) => moveTo(Number(e.target.value))}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && picked !== undefined) {
              e.preventDefault();
              pick.current?.(picked);
            }
          }}
        />
      ) : null}
    </figure>
  );
}

function drawMarks(u: uPlot, marks: readonly ChartMark[]): void {
  const { left, top, width, height } = u.bbox;
  const ctx = u.ctx;
  ctx.save();
  ctx.globalAlpha = 0.55;
  ctx.lineWidth = Math.max(1, devicePixelRatio);
  for (const m of marks) {
    const x = Math.round(u.valToPos(m.ts / 1000, 'x', true));
    if (x < left || x > left + width) continue;
    ctx.strokeStyle = m.color;
    ctx.beginPath();
    ctx.moveTo(x, top);
    ctx.lineTo(x, top + height);
    ctx.stroke();
  }
  ctx.restore();
}
