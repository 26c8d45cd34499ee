// The history writer on a real database (PGlite, or Postgres when DATABASE_URL is set) with an injected clock:
// retention drops the old slices of each tier and keeps the young ones, and tolerates a failing event retention;
// hostile numbers never reach the codec; a slice is closed once open for its span of server time.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openDb } from '../../db/client';
import { createInProcessBus } from '../adapters/bus/in-process';
import { createHistoryStore } from '../adapters/storage/history-store';
import { newEnvelope } from '../domain/envelope';
import { SLICE_SPAN_MS, SLICE_TIER, type SliceRow, type SliceTier } from '../domain/history/slice';
import { encodeSamples } from '../domain/history/slice-codec';
import { SUBJECTS, type RobotTelemetry } from '../domain/telemetry';
import type { HistoryEventRetention } from '../ports/history-store';
import { decodeByRobot } from '../testing/history-capture';
import { createTestDatabase, tempDir, testLogger } from '../testing/test-env';
import { createHistoryWriter } from './history-writer';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2026, 5, 1, 12);
let db: Db;
let drop: () => Promise<void>;
const dir = tempDir('history-retention');

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

const oldSlice = (robotId: number, tier: SliceTier, endMs: number): SliceRow => ({
  robotId,
  tier,
  startMs: endMs - 1000,
  endMs,
  count: 1,
  snapshot: null,
  data: encodeSamples([
    {
      ts: endMs,
      source: 1,
      headerId: 1,
      x: 0,
      y: 0,
      theta: 0,
      mapId: 'm',
      speed: null,
      battery: null,
      driving: null,
      paused: null,
      charging: null,
      operatingMode: null,
    },
  ]),
});

function writerWith(events: HistoryEventRetention, clock: { now(): number }) {
  const bus = createInProcessBus();
  const store = createHistoryStore(db);
  const fleet = { list: () => [], get: () => undefined };
  const writer = createHistoryWriter(
    { bus, store, events, fleet, clock, logger: testLogger },
    { rawRetentionHours: 24, secondRetentionDays: 30, eventRetentionDays: 90, pruneEveryMs: 3600_000, sweepEveryMs: 20 },
  );
  return { bus, store, writer };
}

const vis = (robotId: number, ts: number, x: number, y: number, theta: number, mapId = 'm') =>
  newEnvelope<RobotTelemetry>({
    subject: SUBJECTS.visualization,
    source: 'test',
    producedAt: ts,
    receivedAt: ts,
    payload: {
      topic: 'visualization',
      robotId,
      manufacturer: 'M',
      serialNumber: `S${robotId}`,
      size: 100,
      message: {
        headerId: ts % 1_000_000,
        timestamp: new Date(ts).toISOString(),
        version: '2.0.0',
        manufacturer: 'M',
        serialNumber: `S${robotId}`,
        agvPosition: { x, y, theta, mapId, positionInitialized: true },
      },
    } as RobotTelemetry,
  });

describe('history retention and guards', () => {
  it('drops the old slices of each tier, keeps the young ones, and asks for old events to go', async () => {
    const cutoffs: number[] = [];
    const { store, writer } = writerWith({ deleteEventsBefore: async (c) => (cutoffs.push(c), 7) }, { now: () => NOW });
    await writer.pruneNow(); // the one at start may still be running: this waits for it or runs again
    await store.writeSlices([
      oldSlice(1, SLICE_TIER.raw, NOW - 25 * HOUR),
      oldSlice(1, SLICE_TIER.raw, NOW - 23 * HOUR),
      oldSlice(2, SLICE_TIER.raw, NOW - 24 * HOUR - 1),
      oldSlice(1, SLICE_TIER.second, NOW - 31 * DAY),
      oldSlice(1, SLICE_TIER.second, NOW - 25 * HOUR), // older than the raw window, young for its tier
      oldSlice(1, SLICE_TIER.second, NOW - 29 * DAY),
    ]);
    const before = writer.stats().pruned;
    await writer.pruneNow();
    const after = writer.stats();
    expect(after.pruned.raw - before.raw).toBe(2);
    expect(after.pruned.second - before.second).toBe(1);
    expect(after.lastError).toBeNull();
    expect(cutoffs.at(-1)).toBe(NOW - 90 * DAY);
    const left = async (tier: SliceTier) => (await store.readSlices({ tier, from: 0, to: NOW })).map((r) => NOW - r.endMs);
    expect(await left(SLICE_TIER.raw)).toEqual([23 * HOUR]);
    expect((await left(SLICE_TIER.second)).sort((a, b) => a - b)).toEqual([25 * HOUR, 29 * DAY]);
    await writer.stop();
  });

  it('a failing event retention is logged as lastError and does not stop slice retention', async () => {
    const { store, writer } = writerWith(
      { deleteEventsBefore: () => Promise.reject(new Error('events down')) },
      { now: () => NOW + 10 * DAY },
    );
    await writer.pruneNow();
    expect(writer.stats().lastError).toContain('events down');
    expect(await store.countSamples({ tier: SLICE_TIER.raw })).toBe(0);
    await writer.stop();
  });

  it('refuses non-finite and huge coordinates and unstorable map ids, normalises theta, closes a slice open for its span', async () => {
    let now = NOW;
    const { bus, store, writer } = writerWith({ deleteEventsBefore: async () => 0 }, { now: () => now });
    const t0 = NOW - 10_000;
    bus.publish(vis(9, t0, 1.23456, -2.5, 7)); // theta 7 rad → 7 - 2π
    bus.publish(vis(9, t0 + 100, Number.NaN, 0, 0));
    bus.publish(vis(9, t0 + 200, 1e12, 0, 0));
    bus.publish(vis(9, t0 + 300, 0, Number.POSITIVE_INFINITY, 0));
    bus.publish(vis(9, t0 + 400, 0, 0, Number.NaN));
    bus.publish(vis(9, t0 + 450, 0, 0, 0, 'x'.repeat(2000))); // the codec would refuse the whole slice
    bus.publish(vis(9, t0 + 460, 0, 0, 0, '\uD800'));
    bus.publish(vis(9, t0 + 500, 3, 4, -Math.PI));
    expect(writer.stats()).toMatchObject({ samples: 2, invalid: 6, dropped: 6, openSlices: 2 });
    now += SLICE_SPAN_MS[SLICE_TIER.raw]; // the robot goes quiet: the sweep closes its raw slice
    await new Promise((r) => setTimeout(r, 100));
    expect(writer.stats().openSlices).toBe(1);
    // Closed but not written yet (a batch waits up to 1 s): readers still see it, or the robot's newest second
    // would have no sample at all.
    const pending = writer.openSlices({ tier: SLICE_TIER.raw, from: t0, to: t0 + 1000, robotIds: [9] });
    expect(pending.map((r) => [r.startMs, r.count])).toEqual([[t0, 2]]);
    await writer.stop();
    const got = decodeByRobot(await store.readSlices({ tier: SLICE_TIER.raw, from: t0, to: t0 + 1000, robotIds: [9] })).get(9)!;
    expect(got.map((s) => s.ts)).toEqual([t0, t0 + 500]);
    expect(got[0]!.x).toBeCloseTo(1.23456, 2);
    expect(got[0]!.theta).toBeCloseTo(7 - 2 * Math.PI, 2);
    expect(Math.abs(got[1]!.theta)).toBeCloseTo(Math.PI, 2); // -π is π in (-π, π]
    expect(got[0]!.battery).toBeNull(); // no state message yet
  });
});
