// A node's details as an architect reads them: a label in words instead of the raw key, and each value with its
// unit (bytes, per second, ms, a share) or, for a moment, its date and how long ago it was.
import { bytes, ms } from './flow-format';

export interface NodeFact {
  key: string;
  label: string;
  value: string;
  /** More precise than the value (e.g. the ISO time of a moment), for a tooltip. */
  title?: string;
}

/** Labels of the keys the server sends today; any other key is spelled out from its camelCase. */
const LABELS: Record<string, string> = {
  rows: 'rows (estimate)',
  sizeBytes: 'size on disk',
  statsAt: 'size measured',
  writeRowsPerSec: 'rows written',
  writeSamplesPerSec: 'samples written',
  writeBytesPerSec: 'bytes written',
  retention: 'kept for',
  sampleRate: 'telemetry sampled',
  tracesInMemory: 'traces in memory',
  hopsBuffered: 'hops waiting to be written',
  otlp: 'OTLP export',
  framesPerSec: 'frames sent',
  tickMs: 'frame interval',
  invalid: 'rejected (schema)',
  brokerDropped: 'dropped by the broker (its $SYS counter, every subscriber)',
  eventBatchCommitP50Ms: 'event batch commit p50',
  eventBatchCommitP99Ms: 'event batch commit p99',
};

/** "slicesWritten" → "slices written", "eventBatchCommitP99Ms" → "event batch commit p99 ms". */
export function spellKey(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase();
}

/** "3 s ago", "5 min ago", "2 h ago", "in 4 s" (a clock ahead of this browser's). */
export function relativeTime(epochMs: number, now: number): string {
  const d = Math.round((now - epochMs) / 1000);
  const abs = Math.abs(d);
  const text =
    abs < 60
      ? `${abs} s`
      : abs < 3600
        ? `${Math.round(abs / 60)} min`
        : abs < 86_400
          ? `${Math.round(abs / 3600)} h`
          : `${Math.round(abs / 86_400)} d`;
  return d >= 0 ? `${text} ago` : `in ${text}`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "2026-12-02 18:58:07" in this browser's time zone. */
export function localDateTime(epochMs: number): string {
  const d = new Date(epochMs);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

const count = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 1 });

function formatValue(key: string, v: number | string | boolean | object | null): { value: string; title?: string } {
  if (v === null || v === undefined) return { value: '—' };
  if (typeof v === 'object') return { value: JSON.stringify(v) };
  if (typeof v !== 'number') return { value: String(v) };
  if (key === 'sampleRate') return { value: `${(v * 100).toFixed(v < 0.01 ? 2 : 0)} %` };
  if (/BytesPerSec$/.test(key)) return { value: `${bytes(v)}/s` };
  if (/Bytes$/i.test(key)) return { value: bytes(v), title: `${count(v)} B` };
  if (/PerSec$/.test(key)) return { value: `${count(v)}/s` };
  if (/Ms$/.test(key)) return { value: ms(v) };
  return { value: count(v) };
}

export function nodeFacts(details: Record<string, unknown>, now: number): NodeFact[] {
  return Object.entries(details).map(([key, raw]) => {
    const label = LABELS[key] ?? spellKey(key);
    const v = raw as number | string | boolean | object | null;
    if (/At$/.test(key) && typeof v === 'number') {
      const iso = new Date(v).toISOString();
      return { key, label, value: `${localDateTime(v)} (${relativeTime(v, now)})`, title: iso };
    }
    return { key, label, ...formatValue(key, v) };
  });
}
