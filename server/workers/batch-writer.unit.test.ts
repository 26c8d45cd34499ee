import { describe, expect, it } from 'vitest';
import { createBatchWriter } from './batch-writer';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('batch writer', () => {
  it('writes a full batch at once and never one row per write', async () => {
    const batches: number[][] = [];
    const w = createBatchWriter<number>({ name: 't', maxBatch: 100, maxDelayMs: 10_000, write: async (rows) => void batches.push(rows) });
    for (let i = 0; i < 250; i++) w.add(i);
    await sleep(5);
    expect(batches.map((b) => b.length)).toEqual([100, 100]);
    await w.flush();
    expect(batches.map((b) => b.length)).toEqual([100, 100, 50]);
    expect(batches.flat()).toEqual([...Array(250).keys()]);
    expect(w.stats()).toMatchObject({ written: 250, batches: 3, buffered: 0 });
  });

  it('shows the rows not written yet, those of the write in flight first', async () => {
    let release = () => {};
    const w = createBatchWriter<number>({
      name: 't',
      maxBatch: 2,
      maxDelayMs: 10_000,
      write: () => new Promise<void>((r) => (release = r)),
    });
    w.add(1);
    w.add(2); // a full batch: its write starts and waits
    w.add(3);
    await sleep(5);
    expect(w.pending()).toEqual([1, 2, 3]);
    release();
    await sleep(5);
    expect(w.pending()).toEqual([3]);
  });

  it('writes a partial batch after the delay', async () => {
    const batches: number[][] = [];
    const w = createBatchWriter<number>({ name: 't', maxBatch: 100, maxDelayMs: 20, write: async (rows) => void batches.push(rows) });
    w.add(1);
    w.add(2);
    expect(batches).toEqual([]);
    await sleep(60);
    expect(batches).toEqual([[1, 2]]);
  });

  it('keeps rows through a failing database and writes them once it is back, in order', async () => {
    let failing = true;
    const written: number[] = [];
    const errors: number[] = [];
    const w = createBatchWriter<number>({
      name: 't',
      maxBatch: 10,
      maxDelayMs: 5,
      write: async (rows) => {
        if (failing) throw new Error('connection refused');
        written.push(...rows);
      },
      onError: (_e, attempt) => errors.push(attempt),
    });
    for (let i = 0; i < 25; i++) w.add(i);
    await sleep(250);
    expect(written).toEqual([]);
    expect(errors.length).toBeGreaterThan(0);
    expect(w.stats().lastError).toBe('connection refused');
    failing = false;
    await w.flush();
    expect(written).toEqual([...Array(25).keys()]);
    expect(w.stats()).toMatchObject({ dropped: 0, lastError: null });
  });

  it('bounds memory: beyond maxBuffered the oldest rows are dropped and counted', async () => {
    const w = createBatchWriter<number>({ name: 't', maxBatch: 1000, maxDelayMs: 10_000, maxBuffered: 5, write: async () => {} });
    for (let i = 0; i < 8; i++) w.add(i);
    expect(w.stats()).toMatchObject({ buffered: 5, dropped: 3 });
    await w.close();
  });

  it('isolates one row the database refuses: the rows around it are written, it is counted and left behind', async () => {
    const written: number[] = [];
    const rejected: number[] = [];
    let attempts = 0;
    const w = createBatchWriter<number>({
      name: 't',
      maxBatch: 100,
      maxDelayMs: 5,
      write: async (rows) => {
        attempts++;
        // Like Postgres refusing a NUL: the whole statement fails, with a data-exception SQLSTATE.
        if (rows.includes(42))
          throw Object.assign(new Error('Failed query: insert into trace_hops … '.padEnd(50_000, 'x')), { cause: { code: '22P05' } });
        written.push(...rows);
      },
      onRejected: (row) => rejected.push(row),
    });
    for (let i = 0; i < 250; i++) w.add(i);
    await w.flush();
    expect(rejected).toEqual([42]);
    expect(written.sort((a, b) => a - b)).toEqual([...Array(250).keys()].filter((i) => i !== 42));
    expect(attempts).toBeLessThan(30); // bisection: about 2·log2(100) writes, not one per row
    const st = w.stats();
    expect(st).toMatchObject({ rejected: 1, dropped: 0, buffered: 0, lastError: null });
    expect(st.lastRejection!.error.length).toBeLessThan(400);
    // And rows keep flowing afterwards.
    w.add(1000);
    await w.flush();
    expect(written).toContain(1000);
  });

  it('never isolates (drops) rows on a connection error: the whole batch waits for the database', async () => {
    let down = true;
    const written: number[] = [];
    const w = createBatchWriter<number>({
      name: 't',
      maxBatch: 10,
      maxDelayMs: 5,
      write: async (rows) => {
        if (down) throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
        written.push(...rows);
      },
    });
    for (let i = 0; i < 10; i++) w.add(i);
    await sleep(300);
    expect(w.stats()).toMatchObject({ rejected: 0, dropped: 0, buffered: 10 });
    expect(w.stats().failures).toBeGreaterThan(1);
    down = false;
    await w.flush();
    expect(written).toEqual([...Array(10).keys()]);
  });

  it('a connection error in the middle of isolating keeps the unsettled rows, in order', async () => {
    let calls = 0;
    const written: number[] = [];
    const w = createBatchWriter<number>({
      name: 't',
      maxBatch: 8,
      maxDelayMs: 5,
      write: async (rows) => {
        calls++;
        if (calls === 1) throw Object.assign(new Error('bad'), { code: '22021' });
        if (calls === 3) throw Object.assign(new Error('gone'), { code: '57P01' });
        if (rows.includes(5)) throw Object.assign(new Error('bad'), { code: '22021' });
        written.push(...rows);
      },
    });
    for (let i = 0; i < 8; i++) w.add(i);
    await w.flush();
    expect(written.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 6, 7]);
    expect(w.stats()).toMatchObject({ rejected: 1, buffered: 0, dropped: 0 });
  });
});
