// How the ledger states times (pure): when a command was issued (date and time, in the browser's time zone, which
// the column names), and each lifecycle point as the time after issue, so every figure has the same base.
import type { CommandView } from '@/server/domain/commands/command';
import { formatDelta } from '../command-format';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2 Dec 14:03:07" (the year only when it is not `now`'s), local time. */
export function formatIssued(ms: number, now: number): string {
  const d = new Date(ms);
  const year = d.getFullYear() === new Date(now).getFullYear() ? '' : ` ${d.getFullYear()}`;
  return `${d.getDate()} ${MONTHS[d.getMonth()]}${year} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** The browser's offset from UTC at `ms`: "UTC", "UTC+1", "UTC−5:30". */
export function zoneLabel(ms: number): string {
  const offset = -new Date(ms).getTimezoneOffset();
  if (offset === 0) return 'UTC';
  const h = Math.floor(Math.abs(offset) / 60);
  const m = Math.abs(offset) % 60;
  return `UTC${offset > 0 ? '+' : '−'}${h}${m ? `:${pad(m)}` : ''}`;
}

/** The full moment for a tooltip and the CSV: "2026-12-02 14:03:07.123 UTC+1". */
export function formatMoment(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)} ${zoneLabel(ms)}`;
}

export type LifecyclePoint = 'dispatched' | 'acknowledged' | 'done';

const AT: Record<LifecyclePoint, 'dispatchedAt' | 'acknowledgedAt' | 'finishedAt'> = {
  dispatched: 'dispatchedAt',
  acknowledged: 'acknowledgedAt',
  done: 'finishedAt',
};

/** Milliseconds from issue to the point, or null while it is not reached. */
export function afterIssued(
  c: Pick<CommandView, 'issuedAt' | 'dispatchedAt' | 'acknowledgedAt' | 'finishedAt'>,
  p: LifecyclePoint,
): number | null {
  const at = c[AT[p]];
  return at === null ? null : Math.max(0, at - c.issuedAt);
}

/** A table cell: "+120 ms" / "+2.40 s" after issued, or "—" while the point is not reached. */
export function afterIssuedText(ms: number | null): string {
  return ms === null ? '—' : formatDelta(0, ms);
}
