// The audit log: appended in batches (one multi-row INSERT), read newest first with a seq cursor.
import { and, desc, eq, gte, ilike, lt, lte, type SQL } from 'drizzle-orm';
import type { Db } from '../client';
import { pgSafe } from '../pg-safe';
import { auditLog } from '../schema';
import type { AuditAction, AuditEntry, AuditOutcome, AuditView } from '../../server/domain/identity/audit';

export async function insertAuditEntries(db: Db, entries: readonly (AuditEntry & { at: number })[]): Promise<void> {
  if (entries.length === 0) return;
  await db.orm.insert(auditLog).values(
    entries.map((e) => ({
      at: new Date(e.at),
      actorId: e.actorId ?? null,
      actor: e.actor,
      action: e.action,
      target: e.target ?? null,
      outcome: e.outcome,
      address: e.address ?? null,
      detail: e.detail ? pgSafe(e.detail) : null,
    })),
  );
}

export interface AuditQuery {
  actor?: string;
  action?: AuditAction;
  outcome?: AuditOutcome;
  from?: number;
  to?: number;
  beforeSeq?: number;
  limit: number;
}

export async function listAuditEntries(db: Db, q: AuditQuery): Promise<{ rows: AuditView[]; more: boolean }> {
  const where: SQL[] = [];
  if (q.actor) where.push(ilike(auditLog.actor, `%${q.actor.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  if (q.action) where.push(eq(auditLog.action, q.action));
  if (q.outcome) where.push(eq(auditLog.outcome, q.outcome));
  if (q.from !== undefined) where.push(gte(auditLog.at, new Date(q.from)));
  if (q.to !== undefined) where.push(lte(auditLog.at, new Date(q.to)));
  if (q.beforeSeq !== undefined) where.push(lt(auditLog.seq, q.beforeSeq));
  const rows = await db.orm
    .select()
    .from(auditLog)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditLog.seq))
    .limit(q.limit + 1);
  return {
    more: rows.length > q.limit,
    rows: rows.slice(0, q.limit).map((r) => ({
      seq: Number(r.seq),
      at: new Date(r.at).getTime(),
      actorId: r.actorId ?? null,
      actor: r.actor,
      action: r.action as AuditAction,
      target: r.target ?? null,
      outcome: r.outcome as AuditOutcome,
      address: r.address ?? null,
      detail: (typeof r.detail === 'string' ? JSON.parse(r.detail) : r.detail) as Record<string, unknown> | null,
    })),
  };
}
