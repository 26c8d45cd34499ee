// How fast the database grows in steady state: the real app in-process (createApp with its simulated fleet on the
// embedded broker, so every table is written by the real path: telemetry slices, events, traces at the configured
// sampling, robots' last-seen updates, alerts…), sizes read with pg_database_size / pg_total_relation_size at two
// moments once the fleet has settled. The interval is a whole number of raw slice spans, so the slices held open
// in memory at both moments cover the same stretch and the growth between them is what the fleet wrote.
// Run by bench/scenarios/storage.ts; prints `RESULT {json}`. DATABASE_URL → a fresh database beside it (dropped).
// Usage: tsx bench/storage-growth.ts --robots 100 --seconds 150 [--warmup 20]   (TRACE_SAMPLE_RATE etc. from env)
import { sql } from 'drizzle-orm';
import { parseArgs } from 'node:util';
import { openDb } from '../db/client';
import { createApp } from '../server/app';
import { SLICE_SPAN_MS, SLICE_TIER } from '../server/domain/history/slice';
import { testConfig, testLogger } from '../server/testing/test-env';
import { dbSizes, sizeGrowth, type DbSizes } from './lib/db-size';

const { values } = parseArgs({
  options: {
    robots: { type: 'string', default: '100' },
    seconds: { type: 'string', default: '150' },
    warmup: { type: 'string', default: '20' },
    hz: { type: 'string', default: '10' },
  },
});
const ROBOTS = Number(values.robots);
const HZ = Number(values.hz);
const span = SLICE_SPAN_MS[SLICE_TIER.raw];
// A whole number of slice spans (at least one).
const MEASURE_MS = Math.max(1, Math.round((Number(values.seconds) * 1000) / span)) * span;
const WARMUP_MS = Number(values.warmup) * 1000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Every setting at its default except the fleet: what a site running the app as shipped writes.
const t = await testConfig({
  SIM_ROBOTS: String(ROBOTS),
  SIM_HZ: String(HZ),
  LOG_LEVEL: 'silent',
  TRACE_SAMPLE_RATE: process.env.TRACE_SAMPLE_RATE,
});
const app = await createApp(t.config, { logger: testLogger });
let stopped = false;
try {
  // Sizes of the tables before anything was written to them (no slice closes in the first 30 s).
  const empty = await dbSizes(app.db);
  // What-if for a proposed migration: robots rows rewritten with room for their next version on the same page, so
  // the last_seen_at updates every 2 s are HOT and pruned in place instead of leaving dead rows behind.
  const fillfactor = process.env.BENCH_ROBOTS_FILLFACTOR;
  if (fillfactor) {
    if (!/^[1-9][0-9]?$|^100$/.test(fillfactor)) throw new Error(`BENCH_ROBOTS_FILLFACTOR must be 10..100, not ${fillfactor}`);
    await app.db.rows(sql.raw(`alter table robots set (fillfactor = ${fillfactor})`));
  }
  await app.sim!.ready;
  if (fillfactor) await app.db.rows(sql`vacuum full robots`);
  await sleep(WARMUP_MS);

  const counts = async () => {
    const [r] = await app.db.rows<{ traces: string | number; events: string | number; commands: string | number }>(sql`
      select (select count(distinct trace_id) from trace_hops)::int8 as traces,
             (select count(*) from robot_events)::int8 as events,
             (select count(*) from commands)::int8 as commands`);
    return {
      traces: Number(r?.traces ?? 0),
      events: Number(r?.events ?? 0),
      commands: Number(r?.commands ?? 0),
      historySamples: app.history.writer.stats().samples,
      accepted: app.gateway.health().accepted,
    };
  };
  const a = await dbSizes(app.db);
  const ca = await counts();
  const t0 = performance.now();
  await sleep(MEASURE_MS);
  const b = await dbSizes(app.db);
  const cb = await counts();
  const seconds = (performance.now() - t0) / 1000;
  const robotHours = (ROBOTS * seconds) / 3600;

  // After a graceful stop every open slice is written: telemetry_slices holds all the fleet sent, for a
  // cross-check of the telemetry figure (bytes per raw sample held, both tiers counted, at HZ samples a second).
  const runMs = performance.now();
  stopped = true;
  await app.stop();
  const db = await openDb({ databaseUrl: t.config.DATABASE_URL, dataDir: t.config.DATA_DIR, migrate: false });
  let afterStop: { telemetryBytes: number; samples: number } | null = null;
  try {
    const c = await dbSizes(db);
    const [s] = await db
      .rows<{ n: string | number | null }>(sql`select sum(n)::int8 as n from telemetry_slices where tier = 0`)
      .catch(() => [{ n: null }]);
    afterStop = { telemetryBytes: (c.tables.telemetry_slices ?? 0) - (empty.tables.telemetry_slices ?? 0), samples: Number(s?.n ?? 0) };
  } finally {
    await db.close();
  }

  const growth = sizeGrowth(a, b);
  const perRobotHour = (bytes: number) => Math.round(bytes / robotHours);
  const share = Object.entries(growth.tables)
    .filter(([, bytes]) => bytes !== 0)
    .sort((x, y) => y[1] - x[1])
    .map(([table, bytes]) => ({ table, bytes, perRobotHour: perRobotHour(bytes), share: bytes / growth.databaseBytes }));
  const tablesSum = Object.values(growth.tables).reduce((s, v) => s + v, 0);
  const traces = cb.traces - ca.traces;
  console.log(
    `RESULT ${JSON.stringify({
      database: app.db.kind,
      robots: ROBOTS,
      hz: HZ,
      traceSampleRate: t.config.TRACE_SAMPLE_RATE,
      warmupSeconds: WARMUP_MS / 1000,
      measuredSeconds: Math.round(seconds * 10) / 10,
      robotHours,
      databaseGrowthBytes: growth.databaseBytes,
      databasePerRobotHour: perRobotHour(growth.databaseBytes),
      // Per robot-hour at HZ: the slices' growth over the samples the writer took in meanwhile, × a robot-hour's
      // samples (HZ visualizations and one state a second), so a fleet that fell behind its rate is not flattered.
      telemetryPerRobotHour:
        cb.historySamples > ca.historySamples
          ? Math.round(((growth.tables.telemetry_slices ?? 0) / (cb.historySamples - ca.historySamples)) * (HZ + 1) * 3600)
          : 0,
      telemetryPerRobotHourOfWallTime: perRobotHour(growth.tables.telemetry_slices ?? 0),
      /** Growth outside the public tables (system catalogs, statistics). */
      catalogsPerRobotHour: perRobotHour(growth.databaseBytes - tablesSum),
      byTable: share,
      historySamplesPerRobotHour: Math.round((cb.historySamples - ca.historySamples) / robotHours),
      /** Samples taken in over what HZ visualizations and 1 Hz states a robot-hour would hold: below 1, the fleet fell behind. */
      keptUp: Math.round(((cb.historySamples - ca.historySamples) / robotHours / ((HZ + 1) * 3600)) * 1000) / 1000,
      robotsFillfactor: fillfactor ? Number(fillfactor) : null,
      messagesPerRobotHour: Math.round((cb.accepted - ca.accepted) / robotHours),
      tracesPerRobotHour: Math.round(traces / robotHours),
      traceBytesPerTrace: traces > 0 ? Math.round((growth.tables.trace_hops ?? 0) / traces) : null,
      eventsPerRobotHour: Math.round((cb.events - ca.events) / robotHours),
      commandsInWindow: cb.commands - ca.commands,
      deadTuplesAtEnd: b.deadTuples,
      afterStop: afterStop && {
        ...afterStop,
        bytesPerSample: afterStop.samples > 0 ? Math.round((afterStop.telemetryBytes / afterStop.samples) * 10) / 10 : null,
        // A robot at HZ sends HZ visualizations and one state a second, each a sample.
        telemetryPerRobotHourAtHz:
          afterStop.samples > 0 ? Math.round((afterStop.telemetryBytes / afterStop.samples) * (HZ + 1) * 3600) : null,
      },
      stopSeconds: Math.round((performance.now() - runMs) / 100) / 10,
      sizes: { start: summary(a), end: summary(b) },
    })}`,
  );
} finally {
  if (!stopped) await app.stop().catch(() => {});
  await t.cleanup();
}
process.exit(0);

function summary(s: DbSizes) {
  return { databaseBytes: s.databaseBytes, tables: s.tables };
}
