// How the flow view writes figures and draws edges: rate → width, health → colour.
import type { FlowEdge, Health } from '@/server/domain/flow/topology';

export const HEALTH_COLOUR: Record<Health, string> = { ok: '#46d37e', warn: '#f5b83d', unhealthy: '#ff5a5f', idle: '#4a5869' };

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
