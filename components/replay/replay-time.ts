// Pure playhead math for the replay timeline: speeds, zooms, the visible window, steps, the `?at=` parameter
// and how a moment is written. No clock is read here: callers pass `now`.

export const SPEEDS = [1, 4, 16, 64] as const;
export type ReplaySpeed = (typeof SPEEDS)[number];

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/** The scrubber's zoom levels: the last 24 h hold every sample, the wider ones the 1 s tier. */
export const ZOOMS = [
  { label: '15 min', ms: 15 * MIN },
  { label: '1 h', ms: HOUR },
  { label: '6 h', ms: 6 * HOUR },
  { label: '24 h', ms: DAY },
  { label: '7 d', ms: 7 * DAY },
  { label: '30 d', ms: 30 * DAY },
] as const;
export const DEFAULT_SPAN_MS = HOUR;

export interface TimeWindow {
  from: number;
  to: number;
}

/**
 * The span the scrubber shows: ending now while the playhead is in its last 90 %, else centred on the playhead
 * (never past now), so scrubbing near the present keeps the present in view.
 */
export function viewWindow(at: number, spanMs: number, now: number): TimeWindow {
  if (at >= now - spanMs * 0.9) return { from: now - spanMs, to: now };
  const to = Math.min(now, at + spanMs / 2);
  return { from: to - spanMs, to };
}

export function fractionOf(t: number, w: TimeWindow): number {
  return w.to > w.from ? Math.min(1, Math.max(0, (t - w.from) / (w.to - w.from))) : 0;
}

export function timeAtFraction(f: number, w: TimeWindow): number {
  return Math.round(w.from + Math.min(1, Math.max(0, f)) * (w.to - w.from));
}

const NICE_STEPS = [100, 1000, 5000, 10_000, 30_000, MIN, 5 * MIN, 15 * MIN, HOUR, 6 * HOUR];

/** One step back/forward: about a hundredth of the visible span, rounded to a readable amount (100 ms at least). */
export function stepSize(spanMs: number): number {
  const want = spanMs / 100;
  let best = NICE_STEPS[0]!;
  for (const s of NICE_STEPS) if (s <= want) best = s;
  return best;
}

/** The playhead after `wallMs` of playing at `speed`, never past `end` (the present). */
export function advance(at: number, wallMs: number, speed: number, end: number): { at: number; reachedEnd: boolean } {
  const next = at + Math.max(0, Math.min(wallMs, 250)) * speed;
  return next >= end ? { at: end, reachedEnd: true } : { at: next, reachedEnd: false };
}

/** Clamps a requested moment into what history may hold: not before the oldest tier, not after now. */
export function clampMoment(at: number, now: number, oldestMs: number): number {
  return Math.min(now, Math.max(now - oldestMs, at));
}

/**
 * Reads `?at=`: epoch milliseconds (digits) or an ISO date-time. Null when absent or unreadable, so a bad link
 * opens the live view rather than an error.
 */
export function parseAtParam(v: string | null | undefined): number | null {
  if (!v) return null;
  const s = v.trim();
  if (s.length > 40) return null;
  const ms = /^\d{10,16}$/.test(s) ? Number(s) : /^\d{4}-\d\d-\d\dT/.test(s) ? Date.parse(s) : Number.NaN;
  return Number.isFinite(ms) && ms > 0 ? ms : null;
}

/** What goes into `?at=`: ISO in UTC, readable and unambiguous when shared across time zones. */
export function formatAtParam(ms: number): string {
  return new Date(ms).toISOString();
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Date and time in the viewer's zone, to the tenth of a second: "2026-12-02 14:55:02.1". */
export function formatMoment(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${Math.floor(d.getMilliseconds() / 100)}`;
}

/** The value of an <input type="datetime-local" step="1"> for a moment (viewer's zone). */
export function toDateTimeLocal(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** Reads a datetime-local value (viewer's zone); null when incomplete. */
export function fromDateTimeLocal(v: string): number | null {
  const m = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)(?::(\d\d))?$/.exec(v);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m;
  const ms = new Date(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0)).getTime();
  return Number.isFinite(ms) ? ms : null;
}
