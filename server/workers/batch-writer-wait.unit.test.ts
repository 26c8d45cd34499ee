// addAndWait: what a bus consumer acknowledges on. The promise settles with the database, not with the buffer.
import { describe, expect, it } from 'vitest';
import { createBatchWriter } from './batch-writer';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const row = (n: number) => ({ n });

describe('batch writer, addAndWait', () => {
  it('resolves only once the row is committed, through a database outage', async () => {
    let up = false;
    const w = createBatchWriter<{ n: number }>({
      name: 't',
      maxBatch: 10,
      maxDelayMs: 5,
      write: async () => {
        if (!up) throw new Error('connection refused');
      },
    });
    let done = false;
    const p = w.addAndWait(row(1)).then(() => void (done = true));
    await sleep(150);
    expect(done).toBe(false);
    up = true;
    await p;
    expect(w.stats()).toMatchObject({ written: 1, buffered: 0 });
  });

  it('resolves for a row the database refuses on its own (it would never be written on a retry either)', async () => {
    const bad = row(2);
    const w = createBatchWriter<{ n: number }>({
      name: 't',
      maxDelayMs: 1,
      isRowError: () => true,
      write: async (rows) => {
        if (rows.includes(bad)) throw new Error('value out of range');
      },
    });
    await Promise.all([w.addAndWait(row(1)), w.addAndWait(bad), w.addAndWait(row(3))]);
    expect(w.stats()).toMatchObject({ written: 2, rejected: 1 });
  });

  it('rejects a row dropped at the buffer limit, and one still unwritten when the writer closes', async () => {
    const w = createBatchWriter<{ n: number }>({
      name: 'events',
      maxDelayMs: 1,
      maxBuffered: 2,
      write: async () => {
        throw new Error('connection refused');
      },
    });
    const first = w.addAndWait(row(1));
    const rest = [w.addAndWait(row(2)), w.addAndWait(row(3))];
    await expect(first).rejects.toThrow('events: row dropped at the buffer limit');
    await w.close();
    for (const p of rest) await expect(p).rejects.toThrow('events: not written before closing');
  });
});
