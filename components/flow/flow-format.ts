// How the flow view writes figures and draws edges: rate → width, health → colour.
import type { FlowEdge, Health } from '@/server/domain/flow/topology';

/** The theme's colours (CSS custom properties, so the graph follows the light and the dark theme). */
export const HEALTH_COLOUR: Record<Health, string> = {
  ok: 'var(--ok)',
  warn: 'var(--warn)',
  unhealthy: 'var(--bad)',
  idle: 'var(--muted)',
};

export function edgeWidth(msgsPerSec: number): number {
  // Logarithmic: 1 msg/s and 10,000 msg/s must both stay readable.
  return msgsPerSec <= 0 ? 1 : Math.min(12, 1.5 + Math.log10(1 + msgsPerSec) * 2.4);
}

export function rate(n: number): string {
  if (n >= 1000) return `${(n / 1000).toFixed(1)}k/s`;
  return `${n >= 10 ? Math.round(n) : n.toFixed(1)}/s`;
}

export function bytes(n: number | null | undefined): string {
  if (n === null || n === undefined) return '—';
  if (n >= 1 << 30) return `${(n / (1 << 30)).toFixed(1)} GiB`;
  if (n >= 1 << 20) return `${(n / (1 << 20)).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${Math.round(n)} B`;
}

export function ms(n: number | null | undefined): string {
  if (n === null || n === undefined) return '—';
  if (n >= 1000) return `${(n / 1000).toFixed(2)} s`;
  if (n >= 10) return `${Math.round(n)} ms`;
  if (n >= 1) return `${n.toFixed(1)} ms`;
  return `${Math.round(n * 1000)} µs`;
}

export function edgeLabel(e: FlowEdge): string {
  if (e.msgsPerSec === 0 && e.p99Ms === null) return '';
  return `${rate(e.msgsPerSec)}${e.p99Ms === null ? '' : ` · p99 ${ms(e.p99Ms)}`}${e.errors + e.drops > 0 ? ` · ${e.errors + e.drops} lost/err` : ''}`;
}

export function clock(epochMs: number): string {
  const d = new Date(epochMs);
  return `${d.toLocaleTimeString([], { hour12: false })}.${String(d.getMilliseconds()).padStart(3, '0')}`;
}

/** An edge's bytes per second: "in-process" where objects are handed over (no bytes exist), "—" where not counted. */
export function edgeBytes(e: Pick<FlowEdge, 'transport' | 'bytesPerSec'>): { text: string; title: string } {
  if (e.transport === 'in-process')
    return {
      text: 'in-process',
      title: 'Objects handed over inside the app process: nothing is serialised, so there are no bytes to count',
    };
  if (e.bytesPerSec === null) return { text: '—', title: 'Bytes are not counted on this edge' };
  return {
    text: `${bytes(e.bytesPerSec)}/s`,
    title: `${Math.round(e.bytesPerSec).toLocaleString('en-US')} bytes per second over the window`,
  };
}
