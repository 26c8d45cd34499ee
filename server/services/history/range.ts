// history.range: one page of a window's samples, column by column per robot, for animation. Reads only the slices
// overlapping the page (one query) and the events that can change a status in it (one query, in parallel), so the
// first page of a 10-minute window of 500 robots costs two small reads whatever the window's length.
import { HistoryQueryError } from '../../domain/history/history-query-error';
import type { RangePage, RangeTrack } from '../../domain/history/history-api';
import { SLICE_SPAN_MS } from '../../domain/history/slice';
import { decodeSamples } from '../../domain/history/slice-codec';
import type { RangeQuery } from '../../ports/history-reader';
import type { HistoryReaderDeps } from './history-reader';
import { statusCode, statusOf } from './history-tiers';
import { cursorOf, inPage, keepForStep, PAGE_SAMPLE_BUDGET, pageOf, pageSpanMs, rangeTier } from './range-paging';
import { EventCursor, eventsByRobot, stateFromSnapshot } from './snapshot-replay';

const MAX_EVENTS = 50_000;
const STATUS_KINDS = ['connection', 'error_raised', 'error_cleared'] as const;

const CURSOR_OUT_OF_WINDOW = 'cursor is not a page of this window: pass the nextCursor of the previous page with the same from and to';

export async function rangePage(deps: HistoryReaderDeps, q: RangeQuery): Promise<RangePage> {
  const stepMs = q.stepMs ?? 0;
  const tier = rangeTier(q, deps.clock.now(), deps.rawRetentionMs, stepMs);
  const robots = q.robotIds?.length ?? deps.fleet.list().length;
  const page = pageOf(q, q.cursor, pageSpanMs(tier, robots, stepMs));
  if (!page) throw new HistoryQueryError(CURSOR_OUT_OF_WINDOW);
  const robotIds = q.robotIds ? [...q.robotIds] : undefined;
  // Slices overlapping the page start at most one span before it: the events from there carry snapshots forward.
  const eventsFrom = Math.max(0, page.from - SLICE_SPAN_MS[tier]);
  const [slices, events] = await Promise.all([
    deps.store.readSlices({ tier, from: page.from, to: page.to, robotIds }),
    deps.events.listEvents({ from: eventsFrom, to: page.to, robotIds, kinds: STATUS_KINDS, order: 'asc', limit: MAX_EVENTS }),
  ]);
  const eventsOf = eventsByRobot(events);

  const tracks = new Map<number, RangeTrack & { bucket: number | null }>();
  // Slices come ordered by robot, then start: one robot's samples are appended in time order.
  for (const slice of slices) {
    let track = tracks.get(slice.robotId);
    if (!track) {
      track = { robotId: slice.robotId, t: [], x: [], y: [], theta: [], speed: [], status: [], bucket: null };
      tracks.set(slice.robotId, track);
    }
    const state = stateFromSnapshot(slice.snapshot);
    const cursor = new EventCursor((eventsOf.get(slice.robotId) ?? []).filter((e) => e.ts >= slice.startMs));
    for (const s of decodeSamples(slice.data)) {
      if (!inPage(s.ts, page)) continue;
      if (track.t.length > 0 && s.ts <= track.t[track.t.length - 1]!) continue; // overlapping slices: keep time order
      const bucket = keepForStep(s.ts, stepMs, track.bucket);
      if (bucket === null) continue;
      track.bucket = bucket;
      cursor.advanceTo(state, s.ts);
      track.t.push(s.ts);
      track.x.push(s.x);
      track.y.push(s.y);
      track.theta.push(s.theta);
      track.speed.push(s.speed ?? 0);
      track.status.push(statusCode(statusOf(s, state)));
    }
  }
  const out: RangeTrack[] = [];
  for (const { bucket: _b, ...t } of tracks.values()) if (t.t.length > 0) out.push(t);
  // The page was sized from the fleet's size; more samples than that promised (robots the live fleet does not
  // know, a faster rate) end the page early, at the time where the budget is reached.
  const cut = budgetCut(out, page.from);
  if (cut !== null) {
    const short = { from: page.from, to: cut, last: false };
    return {
      from: page.from,
      to: cut,
      tier,
      tracks: out.map((t) => truncate(t, cut)).filter((t) => t.t.length > 0),
      nextCursor: cursorOf(short),
    };
  }
  return { from: page.from, to: page.to, tier, tracks: out, nextCursor: cursorOf(page) };
}

/** The earliest time (> from) before which at most PAGE_SAMPLE_BUDGET samples lie, when the tracks hold more. */
export function budgetCut(tracks: readonly RangeTrack[], from: number): number | null {
  const total = tracks.reduce((n, t) => n + t.t.length, 0);
  if (total <= PAGE_SAMPLE_BUDGET) return null;
  const all = new Float64Array(total);
  let i = 0;
  for (const t of tracks) for (const ts of t.t) all[i++] = ts;
  all.sort();
  // Samples with ts < cut are kept: cut at the first time past the budget (at least 1 ms into the page).
  return Math.max(from + 1, all[PAGE_SAMPLE_BUDGET]!);
}

function truncate(t: RangeTrack, cut: number): RangeTrack {
  let n = 0;
  while (n < t.t.length && t.t[n]! < cut) n++;
  if (n === t.t.length) return t;
  return {
    robotId: t.robotId,
    t: t.t.slice(0, n),
    x: t.x.slice(0, n),
    y: t.y.slice(0, n),
    theta: t.theta.slice(0, n),
    speed: t.speed.slice(0, n),
    status: t.status.slice(0, n),
  };
}
