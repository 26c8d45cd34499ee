// Builds the /api/health report from each component's own health.
import type { Db } from '../../db/client';
import type { HealthReport } from '../ports/health';

type Status = 'ok' | 'degraded' | 'down';
export type ComponentHealth = { status: Status; [k: string]: unknown };

export async function databaseHealth(db: Db, timeoutMs = 2000): Promise<ComponentHealth> {
  const t0 = performance.now();
  try {
    await Promise.race([
      db.ping(),
      new Promise((_, rej) => setTimeout(() => rej(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs).unref()),
    ]);
    return { status: 'ok', kind: db.kind, pingMs: Math.round((performance.now() - t0) * 10) / 10 };
  } catch (err) {
    return { status: 'down', kind: db.kind, error: (err as Error).message };
  }
}

/** The database is essential (down ⇒ down); anything else unhealthy ⇒ degraded. */
export function overall(components: Record<string, ComponentHealth>): HealthReport {
  const statuses = Object.values(components).map((c) => c.status);
  const status: Status = components.database?.status === 'down' ? 'down' : statuses.every((s) => s === 'ok') ? 'ok' : 'degraded';
  return { status, components };
}

/** What health needs of a batched store (see workers/batch-writer.ts). */
export interface StoreFigures {
  buffered: number;
  maxBuffered: number;
  written: number;
  failures: number;
  dropped: number;
  rejected: number;
  lastError: string | null;
  lastRejection: { at: number; error: string } | null;
}

/** Rows refused or dropped within this long keep a store (and so health) degraded. */
export const RECENT_LOSS_MS = 10 * 60_000;

/**
 * Remembers, per key, when a counter last changed between calls (a pull-based health check sees counters, not
 * events). The first sight of a non-zero counter counts as a change then.
 */
export function createChangeWatch(now: () => number) {
  const seen = new Map<string, { value: number; changedAt: number | null; since: number }>();
  return {
    /** When `value` last changed, or null if it never did while watched; `since` is when watching began. */
    observe(key: string, value: number): { changedAt: number | null; since: number } {
      const t = now();
      let s = seen.get(key);
      if (!s) seen.set(key, (s = { value, changedAt: value !== 0 ? t : null, since: t }));
      else if (s.value !== value) {
        s.value = value;
        s.changedAt = t;
      }
      return { changedAt: s.changedAt, since: s.since };
    },
  };
}
export type ChangeWatch = ReturnType<typeof createChangeWatch>;

/** A store is degraded while its batches fail, when its backlog nears its cap, or when it lost rows recently. */
export function storeStatus(key: string, s: StoreFigures, watch: ChangeWatch, now: number): { status: Status; why: string | null } {
  if (s.lastError !== null) return { status: 'degraded', why: 'batches are failing (retried until they land)' };
  if (s.buffered >= 0.8 * s.maxBuffered) return { status: 'degraded', why: `backlog ${s.buffered} near its cap of ${s.maxBuffered}` };
  const lost = watch.observe(`${key}:lost`, s.dropped + s.rejected).changedAt;
  if (lost !== null && now - lost < RECENT_LOSS_MS)
    return { status: 'degraded', why: 'rows refused by the database or dropped at the cap in the last 10 minutes' };
  return { status: 'ok', why: null };
}

/** The worst of several statuses. */
export function worst(...statuses: Status[]): Status {
  return statuses.includes('down') ? 'down' : statuses.includes('degraded') ? 'degraded' : 'ok';
}
