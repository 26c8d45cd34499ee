// touchRobots: the batched last_seen_at update keeps the newest time, and overlapping batches (another app
// instance, or a slow one still running) neither deadlock nor move a robot's time backwards.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, tempDir } from '../../server/testing/test-env';
import { openDb, type Db } from '../client';
import { createFactsheetStore } from '../../server/adapters/storage/factsheet-store';
import { createFactsheetWriter } from '../../server/workers/factsheet-writer';
import { testLogger } from '../../server/testing/test-env';
import { listStoredFactsheets } from './robot-factsheets';
import { touchRobots, upsertRobots } from './robots';

let db: Db;
let drop: () => Promise<void>;

beforeAll(async () => {
  const t = await createTestDatabase();
  drop = t.drop;
  db = await openDb({ databaseUrl: t.url, dataDir: tempDir('robots'), migrate: true });
}, 60_000);

afterAll(async () => {
  await db?.close();
  await drop?.();
});

describe('touchRobots', () => {
  it('keeps the newest last-seen time of each robot across overlapping batches', async () => {
    const robots = await upsertRobots(
      db,
      Array.from({ length: 300 }, (_, i) => ({ manufacturer: 'Acme', serialNumber: `R-${i}` })),
    );
    const ids = robots.map((r) => r.id);
    const t0 = Date.parse('2026-11-28T08:00:00Z');
    // Opposite orders, at once: a deadlock would fail one of them.
    const forward = new Map(ids.map((id, i) => [id, t0 + i]));
    const backward = new Map([...ids].reverse().map((id) => [id, t0 + 10_000]));
    await Promise.all([touchRobots(db, forward), touchRobots(db, backward), touchRobots(db, forward)]);
    await touchRobots(db, new Map([[ids[0]!, t0 - 60_000]])); // older: ignored
    const rows = await db.rows<{ n: number; oldest: number }>(
      sql`select count(*)::int as n, min(extract(epoch from last_seen_at) * 1000)::float8 as oldest from robots`,
    );
    expect(rows[0]).toEqual({ n: 300, oldest: t0 + 10_000 });
  });
});

describe('factsheet writer', () => {
  it('stores the latest factsheet of many robots in one batch, and skips a resend that only changed the header', async () => {
    const robots = await upsertRobots(
      db,
      [1, 2, 3].map((i) => ({ manufacturer: 'Globex', serialNumber: `F-${i}` })),
    );
    const writer = createFactsheetWriter({ store: createFactsheetStore(db), logger: testLogger, flushMs: 60_000 });
    const sheet = (id: number, headerId: number, maxLoad: number) => ({
      headerId,
      timestamp: new Date().toISOString(),
      version: '2.0.0',
      physicalParameters: { maxLoadMass: maxLoad },
      robot: id,
    });
    for (const r of robots) writer.save(r.id, sheet(r.id, 1, 100));
    writer.save(robots[0]!.id, sheet(robots[0]!.id, 2, 250)); // newer wins
    await writer.flush();
    expect(writer.stats()).toEqual({ written: 3, pending: 0, rejected: 0 });
    writer.save(robots[1]!.id, sheet(robots[1]!.id, 9, 100)); // same content, new header
    expect(writer.stats().pending).toBe(0);
    await writer.stop();
    const stored = new Map(
      (await listStoredFactsheets(db)).map((f) => [f.robotId, f.factsheet as { physicalParameters: { maxLoadMass: number } }]),
    );
    expect(robots.map((r) => stored.get(r.id)?.physicalParameters.maxLoadMass)).toEqual([250, 100, 100]);
  });
});
