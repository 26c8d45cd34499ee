// The history store on a real database (PGlite, or Postgres when DATABASE_URL is set): slices round-trip byte for
// byte, windows and latest-at queries pick the right slices, retention drops whole slices of one tier only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openDb } from '../../../db/client';
import { SLICE_SPAN_MS, SLICE_TIER, type SliceRow } from '../../domain/history/slice';
import { createTestDatabase, tempDir } from '../../testing/test-env';
import { createHistoryStore } from './history-store';
import fs from 'node:fs';

let db: Db;
let drop: () => Promise<void>;
const dir = tempDir('history-store');
const T0 = Date.UTC(2026, 0, 1, 12, 0, 0, 123);

const slice = (robotId: number, tier: 0 | 1, startMs: number, endMs: number, count = 3): SliceRow => ({
  robotId,
  tier,
  startMs,
  endMs,
  count,
  snapshot: {
    connection: 'ONLINE',
    errors: [{ errorType: 'x\u0000y', errorLevel: 'WARNING' }],
    orderId: 'o-1',
    lastNodeId: null,
    charging: false,
    operatingMode: 'AUTOMATIC',
    protocolVersion: '2.0.0',
  },
  data: Uint8Array.from([robotId, tier, 0, 255, startMs % 256]),
});

beforeAll(async () => {
  const t = await createTestDatabase();
  drop = t.drop;
  db = await openDb({ databaseUrl: t.url, dataDir: dir, migrate: true });
});

afterAll(async () => {
  await db?.close();
  await drop?.();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('history store', () => {
  it('writes a batch in one go and reads it back exactly, ordered by robot then start', async () => {
    const store = createHistoryStore(db);
    const rows = [
      slice(2, 0, T0, T0 + 29_999),
      slice(1, 0, T0 + 30_000, T0 + 59_000),
      slice(1, 0, T0, T0 + 29_000),
      slice(1, 1, T0, T0 + 299_000),
    ];
    await store.writeSlices(rows);
    await store.writeSlices(rows.slice(0, 1)); // a retried batch adds nothing
    const got = await store.readSlices({ tier: 0, from: T0 - 1000, to: T0 + 60_000 });
    expect(got.map((r) => [r.robotId, r.startMs])).toEqual([
      [1, T0],
      [1, T0 + 30_000],
      [2, T0],
    ]);
    const r1 = got[0]!;
    expect(r1).toMatchObject({ tier: 0, endMs: T0 + 29_000, count: 3 });
    expect([...r1.data]).toEqual([...rows[2]!.data]);
    expect(r1.snapshot?.errors[0]?.errorType).toBe('x\uFFFDy');
    expect(await store.countSamples()).toBe(12);
    expect(await store.countSamples({ tier: 0, robotId: 1 })).toBe(6);
  });

  it('windows: overlap only, by robot ids and tier', async () => {
    const store = createHistoryStore(db);
    expect((await store.readSlices({ tier: 0, from: T0 + 29_500, to: T0 + 29_800 })).map((r) => r.robotId)).toEqual([2]);
    expect((await store.readSlices({ tier: 0, from: T0 + 29_500, to: T0 + 30_000, robotIds: [1] })).map((r) => r.startMs)).toEqual([
      T0 + 30_000,
    ]);
    expect(await store.readSlices({ tier: 0, from: T0, to: T0 + 1, robotIds: [] })).toEqual([]);
    expect((await store.readSlices({ tier: 1, from: T0 + 100_000, to: T0 + 100_000 })).map((r) => r.robotId)).toEqual([1]);
  });

  it('slicesAt: the latest slice per robot at the moment, within the gap', async () => {
    const store = createHistoryStore(db);
    const at = await store.slicesAt({ tier: 0, at: T0 + 45_000, maxGapMs: 5000 });
    expect(at.map((r) => [r.robotId, r.startMs])).toEqual([[1, T0 + 30_000]]); // robot 2's ended > 5 s before
    const wide = await store.slicesAt({ tier: 0, at: T0 + 45_000, maxGapMs: 20_000, robotIds: [2] });
    expect(wide.map((r) => [r.robotId, r.startMs])).toEqual([[2, T0]]);
    expect(await store.slicesAt({ tier: 0, at: T0 - 1, maxGapMs: 60_000 })).toEqual([]);
  });

  it('retention drops whole slices of one tier ended before the cutoff', async () => {
    const store = createHistoryStore(db);
    expect(await store.deleteSlicesBefore(SLICE_TIER.raw, T0 + 30_000)).toBe(2);
    expect((await store.readSlices({ tier: 0, from: 0, to: T0 + SLICE_SPAN_MS[1] })).map((r) => r.startMs)).toEqual([T0 + 30_000]);
    expect(await store.countSamples({ tier: 1 })).toBe(3);
  });
});
