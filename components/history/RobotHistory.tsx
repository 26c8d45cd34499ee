'use client';
// The History tab of /robots/[id]: a window picker, battery / speed / error-count charts (uPlot) and the robot's
// event timeline. Clicking a time in a chart or an event's "why?" opens the why view at that moment.
import { useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useCallback, useMemo, useState } from 'react';
import type { HistoryEvent } from '@/server/domain/history/history-event';
import { useTRPC } from '@/components/trpc/trpc-context';
import { LoadFailed, StateMessage } from '@/components/ui/StateMessage';
import { SLICE_TIER } from '@/server/domain/history/slice';
import { type ChartMark, type ChartSeries, HistoryChart } from './HistoryChart';
import { CATEGORY_STYLE } from './event-style';
import { RobotEventTimeline } from './RobotEventTimeline';
import { HISTORY_WINDOWS, type HistoryWindowId, whyHref, windowMs } from './time-format';
import './history.css';

const FIELDS = ['battery', 'speed', 'errors'] as const;
const MARKED = new Set<HistoryEvent['category']>(['command', 'error', 'connection', 'fault', 'status']);

export function RobotHistory({ robotId }: { robotId: number }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [win, setWin] = useState<HistoryWindowId>('15m');
  const [now, setNow] = useState(() => Date.now());
  const from = now - windowMs(win);
  const series = useQuery({
    ...trpc.history.robotSeries.queryOptions({ robotId, from, to: now, fields: [...FIELDS] }),
    retry: false,
  });
  const open = (ts: number) => router.push(whyHref(robotId, ts));
  const [marks, setMarks] = useState<ChartMark[]>([]);
  // The events listed below, as lines on the charts (the busy categories left out, so the lines stay readable).
  const onEvents = useCallback(
    (events: HistoryEvent[]) =>
      setMarks(events.filter((e) => MARKED.has(e.category)).map((e) => ({ ts: e.ts, color: CATEGORY_STYLE[e.category].color }))),
    [],
  );
  const charts = useMemo(() => {
    const d = series.data;
    if (!d) return null;
    const col = (f: (typeof FIELDS)[number]) => d.values[f] ?? d.t.map(() => null);
    const c: { title: string; testId: string; series: ChartSeries[] }[] = [
      { title: 'Battery (%)', testId: 'chart-battery', series: [{ label: 'battery %', color: '#46d37e', values: col('battery') }] },
      { title: 'Speed (m/s)', testId: 'chart-speed', series: [{ label: 'speed m/s', color: '#3fb6ff', values: col('speed') }] },
      {
        title: 'Errors (count)',
        testId: 'chart-errors',
        series: [{ label: 'errors', color: '#ff5a5f', values: col('errors'), stepped: true }],
      },
    ];
    return c;
  }, [series.data]);

  return (
    <div className="robot-history" data-testid="robot-history">
      <div className="robot-history-head">
        <fieldset className="history-windows">
          <legend className="sr-only">History window</legend>
          {HISTORY_WINDOWS.map((w) => (
            <button
              key={w.id}
              type="button"
              className="small-button"
              aria-pressed={win === w.id}
              data-testid={`history-window-${w.id}`}
              onClick={() => {
                setWin(w.id);
                setNow(Date.now());
              }}
            >
              {w.label}
            </button>
          ))}
        </fieldset>
        <button type="button" className="small-button" onClick={() => setNow(Date.now())} data-testid="history-refresh">
          Refresh
        </button>
        {series.data ? (
          <span className="muted">
            {series.data.tier === SLICE_TIER.raw ? 'full-rate samples' : 'one sample per second'} ({series.data.t.length} points)
          </span>
        ) : null}
      </div>
      {series.isPending ? (
        <StateMessage title="Loading history…" busy testId="history-loading" />
      ) : series.error ? (
        <LoadFailed title="Could not load the robot's history" message={series.error.message} retry={() => void series.refetch()} />
      ) : series.data.t.length === 0 ? (
        <StateMessage title="No samples in this window" testId="history-empty">
          The robot sent no telemetry in the last {HISTORY_WINDOWS.find((w) => w.id === win)?.label}, or it is older than the history kept.
        </StateMessage>
      ) : (
        <div className="history-charts">
          {charts?.map((c) => (
            <HistoryChart
              key={c.testId}
              title={c.title}
              testId={c.testId}
              t={series.data.t}
              series={c.series}
              marks={marks}
              onPick={open}
            />
          ))}
        </div>
      )}
      <RobotEventTimeline robotId={robotId} from={from} to={now} onEvents={onEvents} />
    </div>
  );
}
