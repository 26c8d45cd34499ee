// Bounded batching for database writes on the hot path: rows are buffered and written in one statement when
// the batch is full or the oldest row has waited `maxDelayMs`. One write in flight at a time; a failed batch is
// retried with back-off and never dropped unless the buffer limit forces it (counted as `dropped`).

export interface BatchWriterOptions<T> {
  name: string;
  write(rows: T[]): Promise<void>;
  maxBatch?: number;
  maxDelayMs?: number;
  /** Beyond this many waiting rows the oldest are dropped (and counted) rather than exhausting memory. */
  maxBuffered?: number;
  onError?(err: unknown, attempt: number): void;
  /** After each successful write, with the rows and the commit time (data-flow metering, sampled-row hops). */
  onWritten?(rows: readonly T[], commitMs: number): void;
}

export interface BatchWriterStats {
  buffered: number;
  written: number;
  batches: number;
  failures: number;
  dropped: number;
  /** Durations of recent commits in ms (bounded window), for p50/p99. */
  recentCommitMs: number[];
  /** Total time spent in successful writes, in ms: the database cost of ingest. */
  commitMsTotal: number;
  /** Error of the last attempt, null once a write succeeds again. */
  lastError: string | null;
}

export interface BatchWriter<T> {
  add(row: T): void;
  /** Resolves when everything added before the call is written (or the writer gave up on closing). */
  flush(): Promise<void>;
  close(): Promise<void>;
  stats(): BatchWriterStats;
}

const WINDOW = 512;

export function createBatchWriter<T>(o: BatchWriterOptions<T>): BatchWriter<T> {
  const maxBatch = o.maxBatch ?? 2000;
  const maxDelayMs = o.maxDelayMs ?? 100;
  const maxBuffered = o.maxBuffered ?? 500_000;
  let buf: T[] = [];
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let closed = false;
  let attempt = 0;
  const s = { written: 0, batches: 0, failures: 0, dropped: 0, commitMsTotal: 0, lastError: null as string | null };
  const commits: number[] = [];

  const schedule = () => {
    if (timer || running || buf.length === 0) return;
    timer = setTimeout(() => {
      timer = null;
      void pump();
    }, attempt > 0 ? Math.min(5000, 100 * 2 ** attempt) : maxDelayMs);
  };

  const pump = async (): Promise<void> => {
    if (running) return running;
    running = (async () => {
      while (buf.length > 0) {
        const batch = buf.slice(0, maxBatch);
        const t0 = performance.now();
        try {
          await o.write(batch);
          buf = buf.length === batch.length ? [] : buf.slice(batch.length);
          attempt = 0;
          s.lastError = null;
          s.written += batch.length;
          s.batches++;
          const ms = performance.now() - t0;
          s.commitMsTotal += ms;
          commits.push(ms);
          if (commits.length > WINDOW) commits.shift();
          o.onWritten?.(batch, ms);
        } catch (err) {
          attempt++;
          s.failures++;
          s.lastError = (err as Error).message;
          o.onError?.(err, attempt);
          if (closed && attempt >= 3) return; // give up on shutdown; rows stay counted as buffered
          break; // retry later with back-off
        }
        if (!closed && buf.length < maxBatch) break; // wait for more rows or the delay
      }
    })().finally(() => {
      running = null;
      schedule();
    });
    return running;
  };

  return {
    add(row) {
      buf.push(row);
      if (buf.length > maxBuffered) {
        const excess = buf.length - maxBuffered;
        buf.splice(0, excess);
        s.dropped += excess;
      }
      if (buf.length >= maxBatch && attempt === 0) {
        if (timer) clearTimeout(timer);
        timer = null;
        void pump();
      } else schedule();
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
    },
    stats: () => ({ buffered: buf.length, ...s, recentCommitMs: [...commits] }),
  };
}
