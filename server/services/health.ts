// Builds the /api/health report from each component's own health.
import type { Db } from '../../db/client';
import type { HealthReport } from '../ports/health';

type Status = 'ok' | 'degraded' | 'down';
export type ComponentHealth = { status: Status; [k: string]: unknown };

export async function databaseHealth(db: Db, timeoutMs = 2000): Promise<ComponentHealth> {
  const t0 = performance.now();
  try {
    await Promise.race([db.ping(), new Promise((_, rej) => setTimeout(() => rej(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs).unref())]);
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
