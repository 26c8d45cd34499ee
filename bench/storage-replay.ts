// Time to the first replay frame: R robots × M minutes × 10 Hz of synthetic history (bench/lib/synthetic-history.ts)
// written through the real history store of the real app (createApp, in-process), then the first page of the window
// read back by the history reader (HistoryReader.range) and over HTTP as the browser asks for it (GET
// /api/trpc/history.range, the app's tRPC router behind Node's http server, as a signed-in viewer).
// Run by bench/scenarios/storage.ts; prints `RESULT {json}`. DATABASE_URL → a fresh database beside it (dropped).
// Usage: tsx bench/storage-replay.ts --robots 500 --minutes 10 --runs 5
import http from 'node:http';
import { parseArgs } from 'node:util';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { openDb } from '../db/client';
import { upsertRobots } from '../db/queries/robots';
import { appRouter } from '../server/api/root';
import { createApp } from '../server/app';
import type { RangePage } from '../server/domain/history/history-api';
import { contextAs } from '../server/testing/sign-in';
import { testConfig, testLogger } from '../server/testing/test-env';
import { dbSizes } from './lib/db-size';
import { syntheticSlices } from './lib/synthetic-history';

const { values } = parseArgs({
  options: {
    robots: { type: 'string', default: '500' },
    minutes: { type: 'string', default: '10' },
    runs: { type: 'string', default: '5' },
  },
});
const ROBOTS = Number(values.robots);
const MINUTES = Number(values.minutes);
const RUNS = Math.max(1, Number(values.runs));

const t = await testConfig({ SIM_ROBOTS: '0', LOG_LEVEL: 'silent' });
// The robots are registered before the app starts, as on a site that has seen them: the app loads them into its
// fleet state, and history.range sizes its pages by the fleet's size.
const setup = await openDb({ databaseUrl: t.config.DATABASE_URL, dataDir: t.config.DATA_DIR, migrate: true });
const robots = await upsertRobots(
  setup,
  Array.from({ length: ROBOTS }, (_, i) => ({ manufacturer: 'BenchRobotics', serialNumber: `R-${String(i + 1).padStart(4, '0')}` })),
);
await setup.close();
const robotIds = robots.map((r) => r.id).sort((a, b) => a - b);
const app = await createApp(t.config, { logger: testLogger });
const server = http.createServer();
try {
  if (app.runtime.fleet.list().length < ROBOTS) throw new Error(`the app knows ${app.runtime.fleet.list().length} robots, not ${ROBOTS}`);
  const before = await dbSizes(app.db);

  // The window ends a minute ago, well inside the raw tier's retention.
  const to = Math.floor(Date.now() / 1000) * 1000 - 60_000;
  const from = to - MINUTES * 60_000;
  let samples = 0;
  let slices = 0;
  let encodeMs = 0;
  let writeMs = 0;
  let t0 = performance.now();
  const gen = syntheticSlices({ robotIds, fromMs: from, minutes: MINUTES });
  for (;;) {
    const next = gen.next(); // makes and encodes one span of the fleet's slices
    if (next.done) break;
    const w0 = performance.now();
    encodeMs += w0 - t0;
    for (let i = 0; i < next.value.length; i += 500) await app.history.store.writeSlices(next.value.slice(i, i + 500));
    t0 = performance.now();
    writeMs += t0 - w0;
    for (const s of next.value) if (s.tier === 0) samples += s.count;
    slices += next.value.length;
  }
  console.log(`written ${samples} samples in ${slices} slices (encode ${Math.round(encodeMs)} ms, write ${Math.round(writeMs)} ms)`);
  const after = await dbSizes(app.db);
  const telemetryBytes = (after.tables.telemetry_slices ?? 0) - (before.tables.telemetry_slices ?? 0);
  const robotHours = (ROBOTS * MINUTES) / 60;

  const pageFigures = (p: RangePage) => ({
    tracks: p.tracks.length,
    samples: p.tracks.reduce((n, tr) => n + tr.t.length, 0),
    spanMs: p.to - p.from,
    more: p.nextCursor !== null,
  });

  // The reader directly: the first page of the whole window, RUNS times (the first one also warms caches and JIT).
  const readerMs: number[] = [];
  let first: ReturnType<typeof pageFigures> | null = null;
  for (let i = 0; i < RUNS; i++) {
    const r0 = performance.now();
    const page = await app.history.reader.range({ from, to });
    readerMs.push(performance.now() - r0);
    first ??= pageFigures(page);
  }
  // The whole window, page after page, once.
  let pages = 0;
  let walkSamples = 0;
  const w0 = performance.now();
  let cursor: string | undefined;
  do {
    const page = await app.history.reader.range({ from, to, cursor });
    pages++;
    walkSamples += pageFigures(page).samples;
    cursor = page.nextCursor ?? undefined;
  } while (cursor && pages < 10_000);
  const walkMs = performance.now() - w0;

  // Over HTTP, as the replay page asks: a signed-in viewer's GET, answered by the app's tRPC router.
  const ctx = await contextAs(app, 'viewer');
  server.on('request', createHTTPHandler({ router: appRouter, basePath: '/api/trpc/', createContext: () => ctx }));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  const url = `http://127.0.0.1:${port}/api/trpc/history.range?input=${encodeURIComponent(JSON.stringify({ json: { from, to } }))}`;
  const httpMs: number[] = [];
  let httpBytes = 0;
  for (let i = 0; i < RUNS; i++) {
    const h0 = performance.now();
    const res = await fetch(url);
    const text = await res.text();
    if (!res.ok) throw new Error(`history.range over HTTP: ${res.status} ${text.slice(0, 300)}`);
    const body = JSON.parse(text) as { result: { data: { json: RangePage } } };
    if (!Array.isArray(body.result.data.json.tracks)) throw new Error('history.range over HTTP: no tracks in the answer');
    httpMs.push(performance.now() - h0);
    httpBytes = text.length;
  }

  // The first run also warms caches and the JIT: the median is of the runs after it (when there are any).
  const warm = (xs: number[]) => (xs.length > 1 ? xs.slice(1) : xs);
  const median = (xs: number[]) => [...warm(xs)].sort((a, b) => a - b)[Math.floor(warm(xs).length / 2)]!;
  const r1 = (v: number) => Math.round(v * 10) / 10;
  console.log(
    `RESULT ${JSON.stringify({
      database: app.db.kind,
      robots: ROBOTS,
      minutes: MINUTES,
      samples,
      slices,
      encodeSeconds: r1(encodeMs / 1000),
      writeSeconds: r1(writeMs / 1000),
      samplesPerSecWritten: Math.round(samples / (writeMs / 1000)),
      telemetryBytes,
      telemetryPerRobotHour: Math.round(telemetryBytes / robotHours),
      bytesPerSample: r1(telemetryBytes / samples),
      firstPage: first,
      readerMs: { p50: r1(median(readerMs)), first: r1(readerMs[0]!), all: readerMs.map(r1) },
      httpMs: { p50: r1(median(httpMs)), first: r1(httpMs[0]!), all: httpMs.map(r1) },
      httpBytes,
      wholeWindow: { pages, samples: walkSamples, ms: Math.round(walkMs) },
    })}`,
  );
} finally {
  server.close();
  await app.stop().catch(() => {});
  await t.cleanup();
}
process.exit(0);
