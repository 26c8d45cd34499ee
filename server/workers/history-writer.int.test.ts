// The history writer in the real app: simulated robots → MQTT → gateway → bus → writer → telemetry_slices (PGlite,
// or Postgres when DATABASE_URL is set). Every pose the bus carried reads back from the raw tier sample for sample
// (ts exact, x/y within 1 cm, theta within 0.01 rad); the 1 s tier holds the first sample of each second.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../app';
import { SLICE_TIER } from '../domain/history/slice';
import { startFleet, type SimFleet } from '../sim/fleet';
import { capturePoses, decodeByRobot, expectSameSamples } from '../testing/history-capture';
import { robotLogin } from '../testing/mqtt-credentials';
import { testConfig, testLogger, waitFor } from '../testing/test-env';

const ROBOTS = 4;
const HZ = 10;
let app: App;
let fleet: SimFleet | undefined;
let cleanup: () => Promise<void>;
let iface = '';

beforeAll(async () => {
  const t = await testConfig();
  cleanup = t.cleanup;
  iface = t.config.VDA_INTERFACE;
  app = await createApp(t.config, { logger: testLogger });
}, 120_000);

afterAll(async () => {
  await fleet?.stop({ clean: true });
  await app?.stop();
  await cleanup?.();
});

describe('history writer', () => {
  it('stores every pose the robots sent, sample for sample, and one per second in the 1 s tier', async () => {
    const capture = capturePoses(app.bus); // before the first robot speaks: nothing is missed
    fleet = await startFleet({
      brokerUrl: app.brokerUrl,
      clientOptions: await robotLogin(app, 'SimRobotics'),
      iface,
      robots: ROBOTS,
      hz: HZ,
      seed: 11,
      map: app.map,
    });
    await fleet.ready;
    // Three seconds' worth of poses, however long a loaded machine takes to send them (a fixed 3.5 s once gave 111).
    await waitFor('3 s of poses on the bus', () => capture.total() >= ROBOTS * HZ * 3, 30_000);
    await fleet.stop({ clean: true });
    const sent = fleet.published();
    await waitFor('every message accepted', () => app.gateway.health().accepted >= sent.total, 10_000);
    capture.stop();
    await app.history.writer.flush();

    expect(capture.total()).toBeGreaterThanOrEqual(ROBOTS * HZ * 3);
    const all = [...capture.byRobot.values()].flat().map((p) => p.ts);
    const from = Math.min(...all);
    const to = Math.max(...all);
    const raw = await app.history.store.readSlices({ tier: SLICE_TIER.raw, from, to });
    expectSameSamples(capture.byRobot, decodeByRobot(raw));
    expect(await app.history.store.countSamples({ tier: SLICE_TIER.raw })).toBe(capture.total());

    // The 1 s tier: one sample per robot and second, the first that arrived in it.
    const second = decodeByRobot(await app.history.store.readSlices({ tier: SLICE_TIER.second, from, to }));
    for (const [robotId, poses] of capture.byRobot) {
      const firstOfSecond = new Map<number, number>();
      let last = Number.NEGATIVE_INFINITY;
      for (const p of poses) {
        const s = Math.floor(p.ts / 1000);
        if (s > last) firstOfSecond.set(s, p.ts);
        last = Math.max(last, s);
      }
      expect({ robotId, ts: second.get(robotId)?.map((x) => x.ts) }).toEqual({ robotId, ts: [...firstOfSecond.values()] });
    }

    const s = app.history.writer.stats();
    expect(s).toMatchObject({ samples: capture.total(), dropped: 0, openSlices: 0, bufferedSlices: 0 });
    // Status flags come from the latest state message.
    const flagged = [...decodeByRobot(raw).values()].flat().filter((x) => x.battery !== null);
    expect(flagged.length).toBeGreaterThan(capture.total() / 2);
    expect(flagged.every((x) => x.driving !== null && x.charging !== null && x.operatingMode !== null)).toBe(true);
    expect(raw.every((r) => r.snapshot?.connection !== undefined)).toBe(true);

    // Figures for the report (bytes of packed data per sample; the table with its indexes).
    const [size] = await app.db.rows<{ data: string; snap: string; total: string; n: string; rows: string }>(sql`
      select sum(octet_length(data))::int8 as data, sum(coalesce(octet_length(snapshot::text), 0))::int8 as snap,
        pg_total_relation_size('telemetry_slices')::int8 as total, sum(n)::int8 as n, count(*)::int8 as rows
      from telemetry_slices where tier = 0`);
    console.log(
      `history (${app.db.kind}): ${size!.n} raw samples in ${size!.rows} slices, packed ${size!.data} B ` +
        `(${(Number(size!.data) / Number(size!.n)).toFixed(2)} B/sample, ${Math.round(Number(size!.data) / Number(size!.rows))} B/slice), ` +
        `snapshot text ${Math.round(Number(size!.snap) / Number(size!.rows))} B/slice, table+indexes ${size!.total} B (both tiers)`,
    );
  });
});
