// Times on history views: relative to the moment under study ("−1 m 05 s", "+3.2 s"), absolute as local clock
// time, and the windows the robot history offers. Pure, so it is unit tested.

/** "+0 s" / "−4.2 s" / "−1 m 05 s" / "+2 h 03 m": how far `ts` is from `at`. */
export function relativeTo(ts: number, at: number): string {
  const d = ts - at;
  const sign = d < 0 ? '−' : '+';
  const abs = Math.abs(d);
  if (abs < 10_000) return `${sign}${(abs / 1000).toFixed(1)} s`;
  const s = Math.round(abs / 1000);
  if (s < 3600) return `${sign}${Math.floor(s / 60)} m ${String(s % 60).padStart(2, '0')} s`;
  const m = Math.round(s / 60);
  if (m < 48 * 60) return `${sign}${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} m`;
  return `${sign}${Math.round(m / 1440)} d`;
}

/** Local wall-clock time with seconds, and the date when it is not today. */
export function clockTime(ts: number, now: number = Date.now()): string {
  const d = new Date(ts);
  const time = d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
  return new Date(now).toDateString() === d.toDateString() ? time : `${d.toLocaleDateString()} ${time}`;
}

export const HISTORY_WINDOWS = [
  { id: '15m', label: '15 min', ms: 15 * 60_000 },
  { id: '1h', label: '1 h', ms: 3600_000 },
  { id: '6h', label: '6 h', ms: 6 * 3600_000 },
  { id: '24h', label: '24 h', ms: 24 * 3600_000 },
  { id: '7d', label: '7 d', ms: 7 * 24 * 3600_000 },
] as const;
export type HistoryWindowId = (typeof HISTORY_WINDOWS)[number]['id'];

export function windowMs(id: HistoryWindowId): number {
  return HISTORY_WINDOWS.find((w) => w.id === id)?.ms ?? 3600_000;
}

/**
 * `?at=` as the why page takes it: epoch ms, or an ISO 8601 time. Null when absent or not a time
 * (the page then says so rather than guessing).
 */
export function parseAtParam(raw: string | null | undefined): number | null {
  if (!raw) return null;
  if (/^\d{1,15}$/.test(raw)) return Number(raw);
  const ms = Date.parse(raw);
  return Number.isFinite(ms) && ms >= 0 ? ms : null;
}

/** The why view's link for a robot at a moment. */
export function whyHref(robotId: number, at: number): string {
  return `/robots/${robotId}/why?at=${Math.round(at)}`;
}
