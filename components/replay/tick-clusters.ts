// Event ticks on the replay timeline: which events get a tick, and clustering of ticks closer than a few pixels
// so a dense hour stays readable (a cluster shows its count and its most severe level). Pure.
import type { HistoryEvent, HistoryEventCategory, HistoryEventKind, HistoryEventLevel } from '@/server/domain/history/history-event';
import { fractionOf, type TimeWindow } from './replay-time';

/** What the timeline marks: errors, faults, commands, pauses, failed orders, alerts, robots dropping off. */
export const TICK_KINDS: HistoryEventKind[] = [
  'error_raised',
  'fault_injected',
  'command_issued',
  'paused',
  'order_failed',
  'alert_opened',
  'stale',
];

/** At most this many events are asked for per visible span (newest dropped first by the server's limit). */
export const TICK_EVENT_LIMIT = 2000;
/** Robot ids and kinds listed per cluster at most (a cluster may hold hundreds of events). */
const LIST_CAP = 24;

export interface TickCluster {
  /** The moment a click jumps to: the cluster's first event. */
  at: number;
  last: number;
  /** 0..1 across the visible window. */
  position: number;
  count: number;
  level: HistoryEventLevel;
  categories: HistoryEventCategory[];
  kinds: HistoryEventKind[];
  robotIds: number[];
  /** The first event's summary, plus how many more. */
  label: string;
}

const LEVEL_RANK: Record<HistoryEventLevel, number> = { info: 0, warning: 1, error: 2 };

export function clusterTicks(events: readonly HistoryEvent[], w: TimeWindow, widthPx: number, minGapPx = 8): TickCluster[] {
  const sorted = events.filter((e) => e.ts >= w.from && e.ts <= w.to).sort((a, b) => a.ts - b.ts);
  const out: TickCluster[] = [];
  let cur: TickCluster | null = null;
  let startPx = 0;
  for (const e of sorted) {
    const position = fractionOf(e.ts, w);
    const px = position * widthPx;
    if (cur && px - startPx < minGapPx) {
      cur.count++;
      cur.last = e.ts;
      if (LEVEL_RANK[e.level] > LEVEL_RANK[cur.level]) cur.level = e.level;
      addCapped(cur.categories, e.category);
      addCapped(cur.kinds, e.kind);
      if (e.robotId !== null) addCapped(cur.robotIds, e.robotId);
      continue;
    }
    if (cur) out.push(finish(cur));
    startPx = px;
    cur = {
      at: e.ts,
      last: e.ts,
      position,
      count: 1,
      level: e.level,
      categories: [e.category],
      kinds: [e.kind],
      robotIds: e.robotId === null ? [] : [e.robotId],
      label: e.summary,
    };
  }
  if (cur) out.push(finish(cur));
  return out;
}

function finish(c: TickCluster): TickCluster {
  if (c.count > 1) c.label = `${c.label} (+${c.count - 1} more)`;
  return c;
}

function addCapped<T>(list: T[], v: T): void {
  if (list.length < LIST_CAP && !list.includes(v)) list.push(v);
}
