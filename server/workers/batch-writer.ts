// Bounded batching for database writes on the hot path: rows are buffered and written in one statement when
// the batch is full or the oldest row has waited `maxDelayMs`. One write in flight at a time. A batch that fails
// because the database is unreachable (or any error not about the data) is retried with back-off and never
// dropped unless the buffer limit forces it (counted as `dropped`). A batch the database refuses for its data
// (one bad row: before, that blocked every row behind it forever) is split in halves until the bad rows are
// isolated: the good rows are written, each refused row is counted as `rejected` and left behind.
import { truncateText } from '../domain/log-bounds';
import { isRowError } from '../domain/write-errors';

export interface BatchWriterOptions<T> {
  name: string;
  write(rows: T[]): Promise<void>;
  maxBatch?: number;
  maxDelayMs?: number;
  /** Beyond this many waiting rows the oldest are dropped (and counted) rather than exhausting memory. */
  maxBuffered?: number;
  onError?(err: unknown, attempt: number): void;
  /** A row the database refused on its own (it is not retried). */
  onRejected?(row: T, err: unknown): void;
  /** After each successful write, with the rows and the commit time (data-flow metering, sampled-row hops). */
  onWritten?(rows: readonly T[], commitMs: number): void;
  /** Tells whether an error is about the rows (isolate them) rather than the database (retry); see write-errors.ts. */
  isRowError?(err: unknown): boolean;
  /** Wall clock for `lastRejection.at` (epoch ms). */
  now?(): number;
}

export interface BatchWriterStats {
  buffered: number;
  /** The buffer limit: `buffered` near it means the store cannot keep up (or is down). */
  maxBuffered: number;
  written: number;
  batches: number;
  failures: number;
  dropped: number;
  /** Rows the database refused on their own (isolated from their batch, not retried). */
  rejected: number;
  /** Durations of recent commits in ms (bounded window), for p50/p99. */
  recentCommitMs: number[];
  /** Total time spent in successful writes, in ms: the database cost of ingest. */
  commitMsTotal: number;
  /** Error of the last attempt, null once a write succeeds again. */
  lastError: string | null;
  /** Why the last refused row was refused, and when (epoch ms). */
  lastRejection: { at: number; error: string } | null;
}

export interface BatchWriter<T> {
  add(row: T): void;
  /**
   * Adds a row and resolves once it is settled in the database: written, or refused for its own data (never
   * retried). Rejects when it was dropped at the buffer limit or left behind on closing. For a bus consumer that
   * acknowledges a message only after the commit. `row` must be an object not added before.
   */
  addAndWait(row: T): Promise<void>;
  /** Resolves when everything added before the call is written (or the writer gave up on closing). */
  flush(): Promise<void>;
  /** The rows not written yet: the write in flight's, then the buffered ones (readers that must not miss them). */
  pending(): T[];
  close(): Promise<void>;
  stats(): BatchWriterStats;
}

const WINDOW = 512;
/** Error texts kept in stats (shown by /api/health): a driver error can quote the whole query. */
const ERROR_CHARS = 300;

export function createBatchWriter<T>(o: BatchWriterOptions<T>): BatchWriter<T> {
  const maxBatch = o.maxBatch ?? 2000;
  const maxDelayMs = o.maxDelayMs ?? 100;
  const maxBuffered = o.maxBuffered ?? 500_000;
  const rowError = o.isRowError ?? isRowError;
  let buf: T[] = [];
  /** Rows taken out of `buf` by the write in flight (so a drop at the cap never removes them from under it). */
  let inFlight = 0;
  let inFlightRows: readonly T[] = [];
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let closed = false;
  let attempt = 0;
  const s = {
    written: 0,
    batches: 0,
    failures: 0,
    dropped: 0,
    rejected: 0,
    commitMsTotal: 0,
    lastError: null as string | null,
    lastRejection: null as BatchWriterStats['lastRejection'],
  };
  const commits: number[] = [];
  /** Rows added with addAndWait, until settled. Looked up only while it is not empty. */
  const waiters = new Map<T, { resolve: () => void; reject: (err: Error) => void }>();
  const settle = (rows: readonly T[]) => {
    if (waiters.size === 0) return;
    for (const r of rows) {
      const w = waiters.get(r);
      if (!w) continue;
      waiters.delete(r);
      w.resolve();
    }
  };
  const abandon = (rows: readonly T[], why: string) => {
    if (waiters.size === 0) return;
    for (const r of rows) {
      const w = waiters.get(r);
      if (!w) continue;
      waiters.delete(r);
      w.reject(new Error(`${o.name}: ${why}`));
    }
  };

  const trimToCap = () => {
    const excess = buf.length + inFlight - maxBuffered;
    if (excess <= 0) return;
    const n = Math.min(excess, buf.length);
    abandon(buf.splice(0, n), 'row dropped at the buffer limit');
    s.dropped += n;
  };

  const schedule = () => {
    if (timer || running || buf.length === 0) return;
    timer = setTimeout(
      () => {
        timer = null;
        void pump();
      },
      attempt > 0 ? Math.min(5000, 100 * 2 ** attempt) : maxDelayMs,
    );
  };

  const written = (rows: T[], t0: number) => {
    s.written += rows.length;
    s.batches++;
    const ms = performance.now() - t0;
    s.commitMsTotal += ms;
    commits.push(ms);
    if (commits.length > WINDOW) commits.shift();
    settle(rows);
    o.onWritten?.(rows, ms);
  };

  /**
   * Writes `rows`; on a data error, each half on its own, down to single rows, which are refused. Returns how many
   * rows from the front are settled (written or refused): fewer than all when a non-data error stopped it (`err`).
   */
  const writeIsolating = async (rows: T[]): Promise<{ settled: number; err?: unknown }> => {
    const t0 = performance.now();
    try {
      await o.write(rows);
      written(rows, t0);
      return { settled: rows.length };
    } catch (err) {
      if (!rowError(err)) return { settled: 0, err };
      if (rows.length === 1) {
        s.rejected++;
        s.lastRejection = { at: (o.now ?? Date.now)(), error: truncateText((err as Error).message, ERROR_CHARS) };
        o.onRejected?.(rows[0]!, err);
        settle(rows);
        return { settled: 1 };
      }
      const mid = rows.length >>> 1;
      const first = await writeIsolating(rows.slice(0, mid));
      if (first.err !== undefined) return first;
      const second = await writeIsolating(rows.slice(mid));
      return { settled: mid + second.settled, ...(second.err !== undefined && { err: second.err }) };
    }
  };

  const pump = async (): Promise<void> => {
    if (running) return running;
    running = (async () => {
      while (buf.length > 0) {
        const batch = buf.length <= maxBatch ? buf : buf.slice(0, maxBatch);
        buf = batch === buf ? [] : buf.slice(batch.length);
        inFlight = batch.length;
        inFlightRows = batch;
        const { settled, err } = await writeIsolating(batch);
        inFlight = 0;
        inFlightRows = [];
        if (settled < batch.length) buf = batch.slice(settled).concat(buf);
        trimToCap();
        if (err !== undefined) {
          attempt++;
          s.failures++;
          s.lastError = truncateText((err as Error).message, ERROR_CHARS);
          o.onError?.(err, attempt);
          if (closed && attempt >= 3) return; // give up on shutdown; rows stay counted as buffered
          break; // retry later with back-off
        }
        attempt = 0;
        s.lastError = null;
        if (!closed && buf.length < maxBatch) break; // wait for more rows or the delay
      }
    })().finally(() => {
      running = null;
      schedule();
    });
    return running;
  };

  const add = (row: T) => {
    buf.push(row);
    trimToCap();
    if (buf.length >= maxBatch && attempt === 0) {
      if (timer) clearTimeout(timer);
      timer = null;
      void pump();
    } else schedule();
  };

  return {
    add,
    addAndWait(row) {
      const done = new Promise<void>((resolve, reject) => waiters.set(row, { resolve, reject }));
      add(row);
      return done;
    },
    async flush() {
      if (timer) clearTimeout(timer);
      timer = null;
      while (buf.length > 0 || running) {
        await (running ?? pump());
        if (attempt > 0 && buf.length > 0) await new Promise((r) => setTimeout(r, Math.min(2000, 100 * 2 ** attempt)));
        if (closed && attempt >= 3) break;
      }
    },
    async close() {
      closed = true;
      await this.flush();
      abandon([...waiters.keys()], 'not written before closing');
    },
    pending: () => [...inFlightRows, ...buf],
    stats: () => ({ buffered: buf.length + inFlight, maxBuffered, ...s, recentCommitMs: [...commits] }),
  };
}
