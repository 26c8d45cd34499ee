// The audit trail: entries are buffered and appended in one INSERT every flush interval (a burst of denials or
// commands costs one statement, not one each), flushed on stop, and never dropped silently: a failed write keeps
// the batch for the next try; only past a hard cap are the oldest counted as dropped and logged.
import { insertAuditEntries, listAuditEntries } from '../../../db/queries/audit-log';
import type { Db } from '../../../db/client';
import { listAuditInput, type AuditEntry, type AuditView, type ListAuditInput } from '../../domain/identity/audit';
import type { Logger } from '../../logger';
import type { Clock } from '../../ports/clock';

export interface AuditTrail {
  record(entry: AuditEntry): void;
  list(input: ListAuditInput): Promise<{ items: AuditView[]; nextCursor: string | null }>;
  /** Everything matching the filters, newest first, page by page (for the CSV export). */
  all(input: Omit<ListAuditInput, 'cursor' | 'limit'>): AsyncGenerator<AuditView>;
  flush(): Promise<void>;
  stats(): { written: number; buffered: number; dropped: number; failures: number; lastError: string | null };
  stop(): Promise<void>;
}

const MAX_BUFFER = 50_000;

export function createAuditTrail(deps: { db: Db; clock: Clock; logger: Logger; flushMs?: number }): AuditTrail {
  const log = deps.logger.child({ component: 'audit' });
  let buffer: (AuditEntry & { at: number })[] = [];
  let written = 0;
  let dropped = 0;
  let failures = 0;
  let lastError: string | null = null;
  let flushing: Promise<void> | null = null;

  const flushOnce = async () => {
    if (buffer.length === 0) return;
    const batch = buffer;
    buffer = [];
    try {
      await insertAuditEntries(deps.db, batch);
      written += batch.length;
      lastError = null;
    } catch (err) {
      failures++;
      lastError = (err as Error).message;
      buffer = batch.concat(buffer);
      if (buffer.length > MAX_BUFFER) {
        const over = buffer.length - MAX_BUFFER;
        dropped += over;
        buffer = buffer.slice(over);
        log.error({ dropped: over }, 'audit buffer full while the database refuses writes; oldest entries dropped');
      }
      log.error({ err: lastError, buffered: buffer.length }, 'audit write failed; will retry');
    }
  };
  const flush = async () => {
    while (flushing) await flushing;
    flushing = flushOnce().finally(() => (flushing = null));
    await flushing;
  };
  const timer = setInterval(() => void flush(), deps.flushMs ?? 200);
  timer.unref();

  return {
    record(entry) {
      buffer.push({ ...entry, at: deps.clock.now() });
    },
    async list(raw) {
      const input = listAuditInput.parse(raw);
      await flush();
      const { rows, more } = await listAuditEntries(deps.db, { ...input, beforeSeq: input.cursor ? Number(input.cursor) : undefined });
      return { items: rows, nextCursor: more && rows.length ? String(rows[rows.length - 1]!.seq) : null };
    },
    async *all(filters) {
      await flush();
      let beforeSeq: number | undefined;
      for (;;) {
        const { rows, more } = await listAuditEntries(deps.db, { ...listAuditInput.parse({ ...filters, limit: 500 }), beforeSeq });
        yield* rows;
        if (!more || rows.length === 0) return;
        beforeSeq = rows[rows.length - 1]!.seq;
      }
    },
    flush,
    stats: () => ({ written, buffered: buffer.length, dropped, failures, lastError }),
    async stop() {
      clearInterval(timer);
      await flush();
      if (buffer.length > 0) await flush();
    },
  };
}
