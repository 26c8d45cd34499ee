// The audit trail: entries are buffered and appended in one INSERT every flush interval (a burst of denials or
// commands costs one statement, not one each), flushed on stop, and never dropped silently: a failed write keeps
// the batch for the next try; only past a hard cap are the oldest counted as dropped and logged.
// One entry is bounded (details over 4 KB are cut and marked truncated: a refused 50 MB command must not become a
// 50 MB row), and repeated refusals go through deny(), which coalesces them (one row with a count per 10 s).
import { insertAuditEntries, listAuditEntries } from '../../../db/queries/audit-log';
import type { Db } from '../../../db/client';
import { listAuditInput, type AuditEntry, type AuditView, type ListAuditInput } from '../../domain/identity/audit';
import { createRefusalWindow, type Coalesced } from '../../domain/identity/refusal-window';
import type { Logger } from '../../ports/logger';
import type { Clock } from '../../ports/clock';

export interface AuditTrail {
  record(entry: AuditEntry): void;
  /**
   * Records a refusal, coalesced: the first of a kind (same actor or address, action, target and detail.reason) at
   * once; its repeats within the window as one entry whose detail carries `count`, `firstAt` and `lastAt`.
   */
  deny(entry: Omit<AuditEntry, 'outcome'>): void;
  list(input: ListAuditInput): Promise<{ items: AuditView[]; nextCursor: string | null }>;
  /** Everything matching the filters, newest first, page by page (for the CSV export). */
  all(input: Omit<ListAuditInput, 'cursor' | 'limit'>): AsyncGenerator<AuditView>;
  flush(): Promise<void>;
  stats(): {
    written: number;
    buffered: number;
    dropped: number;
    failures: number;
    lastError: string | null;
    truncated: number;
    coalescing: number;
  };
  stop(): Promise<void>;
}

const MAX_BUFFER = 50_000;
/** The largest detail stored whole (as JSON); a larger one keeps a preview of this size and `truncated: true`. */
export const MAX_DETAIL_CHARS = 4_096;
const MAX_TEXT = 500;

const cut = (s: string | null | undefined, max = MAX_TEXT) => (s != null && s.length > max ? `${s.slice(0, max)}…` : s);

/** The entry as stored: short fields cut to 500 characters, the detail to MAX_DETAIL_CHARS of JSON. */
export function boundedEntry(entry: AuditEntry): { entry: AuditEntry; truncated: boolean } {
  let truncated = false;
  let detail = entry.detail ?? null;
  if (detail) {
    let json: string;
    try {
      json = JSON.stringify(detail);
    } catch (e) {
      json = `unserialisable detail: ${(e as Error).message}`;
    }
    if (json.length > MAX_DETAIL_CHARS) {
      truncated = true;
      detail = { truncated: true, chars: json.length, preview: json.slice(0, MAX_DETAIL_CHARS) };
    }
  }
  const long = [entry.actor, entry.target, entry.address].some((s) => s != null && s.length > MAX_TEXT);
  return {
    entry: { ...entry, actor: cut(entry.actor)!, target: cut(entry.target), address: cut(entry.address), detail },
    truncated: truncated || long,
  };
}

export function createAuditTrail(deps: { db: Db; clock: Clock; logger: Logger; flushMs?: number; denyWindowMs?: number }): AuditTrail {
  const log = deps.logger.child({ component: 'audit' });
  let buffer: (AuditEntry & { at: number })[] = [];
  let written = 0;
  let dropped = 0;
  let failures = 0;
  let lastError: string | null = null;
  let truncated = 0;
  let flushing: Promise<void> | null = null;
  const append = (raw: AuditEntry) => {
    const b = boundedEntry(raw);
    if (b.truncated) truncated++;
    buffer.push({ ...b.entry, at: deps.clock.now() });
  };
  type Denial = Omit<AuditEntry, 'outcome'>;
  const denials = createRefusalWindow<Denial>({
    windowMs: deps.denyWindowMs ?? 10_000,
    now: () => deps.clock.now(),
    keyOf: (d) => [d.actorId ?? `${d.actor}@${d.address ?? ''}`, d.action, d.target ?? '', String(d.detail?.reason ?? '')].join('\u0000'),
    overflowKeyOf: (d) => d.action,
    emit: (d: Denial & Coalesced) => {
      const { count, firstAt, lastAt, ...entry } = d;
      append({ ...entry, outcome: 'denied', detail: { ...entry.detail, count, ...(count > 1 && { firstAt, lastAt }) } });
    },
  });

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
  const timer = setInterval(() => {
    denials.sweep();
    void flush();
  }, deps.flushMs ?? 200);
  timer.unref();

  return {
    record: append,
    deny: (entry) => denials.report(entry),
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
    stats: () => ({ written, buffered: buffer.length, dropped, failures, lastError, truncated, coalescing: denials.size() }),
    async stop() {
      clearInterval(timer);
      denials.flush();
      await flush();
      if (buffer.length > 0) await flush();
    },
  };
}
