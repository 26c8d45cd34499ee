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
});
