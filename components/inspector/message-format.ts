// Display helpers for the protocol inspector.
import type { RecentMessage } from '@/server/ports/robot-protocol-reader';

/** Local wall-clock time with milliseconds: messages arrive many per second. */
export function formatClock(ms: number): string {
  const d = new Date(ms);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}`;
}

export function formatBytes(n: number): string {
  return n < 1024 ? `${n} B` : `${(n / 1024).toFixed(1)} kB`;
}

/** An empty JSON pointer means the whole message (e.g. it is not JSON at all). */
export function formatPath(path: string): string {
  return path === '' ? '(whole message)' : path;
}

/** Stable identity of a log entry across polls (the server sends fresh objects each time). */
export function messageKey(m: RecentMessage): string {
  return `${m.direction}|${m.topic}|${m.headerId ?? 'x'}|${m.at}|${m.size}`;
}

/** Pretty JSON; undecodable input arrives as the start of its raw text and is shown as is. */
export function prettyPayload(payload: unknown): string {
  if (typeof payload === 'string') return payload;
  try {
    return JSON.stringify(payload, null, 2) ?? String(payload);
  } catch {
    return String(payload);
  }
}
