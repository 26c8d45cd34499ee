// Memory scenario (issue 17's resident-memory targets): the app's RSS read from /proc every 5 s over a long run.
// `npm start`: the app as `npm start` runs it on the embedded defaults (PGlite, embedded broker, in-process bus) with
// its built-in simulated fleet (24 robots by default) and one signed-in viewer; target ≤ 400 MB after 10 minutes.
// `postgres 2,000`: the app on Postgres and an external broker with 2,000 simulated robots × 10 Hz in their own
// processes and 10 viewers, as the pipeline scenario runs it; target ≤ 1 GB and flat over 10 minutes.
// Figures: RSS after 1 minute, at the end, peak, mean over the last minute, and the least-squares slope over the
// second half (a leak shows there, after start-up and JIT have settled), plus the app's own heap from /metrics.
import { freshDatabase } from '../lib/database';
import { getJson, procSample, sleep, watchProcess, type Child } from '../lib/proc';
import { clearRetained } from '../lib/retained';
import { SIM_DONE, signInAs, startApp, startSims, startViewerProcess, type AppStack } from '../lib/stack';
import { round } from '../lib/stats';

const SAMPLE_MS = 5000;

export interface RssSample {
  /** Since the load started: the app healthy (npm start), or the simulators started (Postgres). */
  seconds: number;
  rssMb: number;
}

export interface RssFigures {
  /** Null when the run is shorter than a minute. */
  rssAfter1MinMb: number | null;
  rssEndMb: number;
  /** Over a 250 ms watch as well as the 5 s samples, so a spike between samples counts. */
  peakRssMb: number;
  meanLastMinuteMb: number;
  slopeSecondHalfMbPerMin: number;
}

/** The app's own view at the end (GET /metrics, open without sign-in like /api/health), MB. */
export interface HeapFigures {
  heapUsedMb: number | null;
  heapTotalMb: number | null;
  externalMb: number | null;
}

export interface MemoryResult extends RssFigures {
  run: 'npm-start' | 'postgres-2000';
  robots: number;
  hz: number;
  viewers: number;
  minutes: number;
  targetMb: number;
  appCpuCores: number;
  heapEnd: HeapFigures | null;
  /** Frames the viewers received: the fan-out was at work. */
  viewerFrames: number;
  /**
   * Postgres run only: what the simulators sent (all, and visualization + state: the telemetry history keeps), what
   * the gateway took in, what history accepted into slices and dropped.
   */
  messages: { sent: number; telemetrySent: number; received: number; intoHistory: number; dropped: number } | null;
  samples: RssSample[];
}

interface Health {
  components: Record<string, Record<string, unknown>>;
}

/** Issue 17's first target: RSS of `npm start` (24 simulated robots) ≤ 400 MB after 10 minutes. */
export async function runMemoryNpmStart(p: { minutes: number }): Promise<MemoryResult> {
  const db = await freshDatabase(undefined, 'mem');
  const children: Child[] = [];
  try {
    // Blank, not unset: a shell with these set must not turn the embedded defaults into external services.
    const stack = await startApp({
      dataDir: db.dataDir,
      npmStartDefaults: true,
      env: { DATABASE_URL: '', MQTT_URL: '', BUS_URL: '', REDIS_URL: '' },
    });
    children.push(stack.app);
    const viewers = await startViewers(stack, 1, children);
    const rss = await sampleRss(stack.app, p.minutes * 60);
    const heapEnd = await heapFigures(stack.url);
    const sim = (await getJson<Health>(`${stack.url}/api/health`)).components.simulator ?? {};
    return {
      run: 'npm-start',
      robots: Number(sim.robots ?? 0),
      hz: Number(sim.hz ?? 0),
      viewers: 1,
      minutes: p.minutes,
      targetMb: 400,
      ...rss.figures,
      appCpuCores: rss.cpuCores,
      heapEnd,
      viewerFrames: await viewerFrames(viewers),
      messages: null,
      samples: rss.samples,
    };
  } finally {
    for (const c of children) await c.stop('SIGTERM').catch(() => {});
    await db.drop().catch(() => {});
  }
}

/** Issue 17's second target: RSS at 2,000 robots × 10 Hz on Postgres and an external broker ≤ 1 GB, flat. */
export async function runMemoryPostgres(p: { minutes: number; databaseUrl: string; mqttUrl: string }): Promise<MemoryResult> {
  const robots = 2000;
  const hz = 10;
  const viewerCount = 10;
  const seconds = p.minutes * 60;
  const db = await freshDatabase(p.databaseUrl, 'mem');
  const children: Child[] = [];
  let iface: string | undefined;
  try {
    // As the pipeline's postgres+mosquitto mode: the in-process bus, fan-out at 30 Hz.
    const stack = await startApp({ dataDir: db.dataDir, databaseUrl: db.url, mqttUrl: p.mqttUrl, fanoutHz: 30, env: { BUS_URL: '' } });
    iface = stack.iface;
    children.push(stack.app);
    const viewers = await startViewers(stack, viewerCount, children);
    const sims = startSims({ robots, hz, brokerUrl: stack.robotBrokerUrl, iface, seconds, name: 'memory' });
    children.push(...sims);
    const rss = await sampleRss(stack.app, seconds);
    const done = await Promise.all(sims.map((s) => s.waitFor(SIM_DONE, 120_000)));
    const sent = done.reduce((a, m) => a + Number(m[3]), 0);
    const telemetrySent = done.reduce((a, m) => a + Number(m[1]) + Number(m[2]), 0);
    const health = await caughtUp(stack.url, sent);
    const history = health.components.history ?? {};
    return {
      run: 'postgres-2000',
      robots,
      hz,
      viewers: viewerCount,
      minutes: p.minutes,
      targetMb: 1000,
      ...rss.figures,
      appCpuCores: rss.cpuCores,
      heapEnd: await heapFigures(stack.url),
      viewerFrames: await viewerFrames(viewers),
      messages: {
        sent,
        telemetrySent,
        received: Number(gatewayOf(health).received ?? 0),
        intoHistory: Number(history.samples ?? 0),
        dropped: Number(history.dropped ?? 0),
      },
      samples: rss.samples,
    };
  } finally {
    for (const c of children) await c.stop('SIGTERM').catch(() => {});
    await db.drop().catch(() => {});
    if (iface) await clearRetained(p.mqttUrl, iface).catch(() => {});
  }
}

/** K Socket.IO viewers in their own process, signed in as a viewer, as the pipeline scenario starts them. */
async function startViewers(stack: AppStack, clients: number, children: Child[]): Promise<Child> {
  const viewer = await signInAs(stack, 'viewer');
  return startViewerProcess({ url: stack.url, cookie: viewer.cookie, clients, children });
}

async function viewerFrames(viewers: Child): Promise<number> {
  viewers.proc.kill('SIGTERM');
  const line = (await viewers.waitFor(/^RESULT (.*)$/, 10_000))[1]!;
  return (JSON.parse(line) as { frames: number }).frames;
}

/** RSS every 5 s for `seconds`, on a fixed schedule from now (no drift over 10 minutes); stops if the app dies. */
async function sampleRss(app: Child, seconds: number): Promise<{ samples: RssSample[]; figures: RssFigures; cpuCores: number }> {
  const pid = app.proc.pid!;
  const watch = watchProcess(pid);
  const t0 = performance.now();
  const samples: RssSample[] = [];
  for (let k = 0; k * SAMPLE_MS <= seconds * 1000; k++) {
    await sleep(Math.max(0, t0 + k * SAMPLE_MS - performance.now()));
    const s = procSample(pid);
    if (!s || app.proc.exitCode !== null)
      throw new Error(`app exited during the memory run (${app.proc.exitCode}):\n${app.output.slice(-15).join('\n')}`);
    samples.push({ seconds: round((performance.now() - t0) / 1000, 1), rssMb: round(s.rssMb, 1) });
  }
  const usage = watch.stop();
  return { samples, figures: rssFigures(samples, seconds, usage.peakRssMb), cpuCores: usage.cpuCores };
}

export function rssFigures(samples: RssSample[], seconds: number, watchedPeakMb = 0): RssFigures {
  const last = samples.at(-1)!;
  const lastMinute = samples.filter((s) => s.seconds >= seconds - 60);
  const nearest = (t: number) => samples.reduce((a, s) => (Math.abs(s.seconds - t) < Math.abs(a.seconds - t) ? s : a));
  return {
    rssAfter1MinMb: seconds >= 60 ? nearest(60).rssMb : null,
    rssEndMb: last.rssMb,
    peakRssMb: round(Math.max(watchedPeakMb, ...samples.map((s) => s.rssMb)), 1),
    meanLastMinuteMb: round(lastMinute.reduce((a, s) => a + s.rssMb, 0) / lastMinute.length, 1),
    slopeSecondHalfMbPerMin: round(slopeMbPerMin(samples.filter((s) => s.seconds >= seconds / 2)), 2),
  };
}

/** Least-squares slope of RSS against time, MB per minute (0 with fewer than two samples). */
export function slopeMbPerMin(samples: RssSample[]): number {
  const n = samples.length;
  if (n < 2) return 0;
  const mx = samples.reduce((a, s) => a + s.seconds, 0) / n;
  const my = samples.reduce((a, s) => a + s.rssMb, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const s of samples) {
    sxy += (s.seconds - mx) * (s.rssMb - my);
    sxx += (s.seconds - mx) ** 2;
  }
  return sxx === 0 ? 0 : (sxy / sxx) * 60;
}

/** Heap figures from prom-client's default metrics; null when /metrics does not answer. */
async function heapFigures(url: string): Promise<HeapFigures | null> {
  const res = await fetch(`${url}/metrics`).catch(() => null);
  if (!res?.ok) return null;
  const text = await res.text();
  const mb = (name: string) => {
    const m = text.match(new RegExp(`^fleetscope_${name}(?:\\{[^}]*\\})? (\\S+)`, 'm'));
    return m ? round(Number(m[1]) / 2 ** 20, 1) : null;
  };
  return {
    heapUsedMb: mb('nodejs_heap_size_used_bytes'),
    heapTotalMb: mb('nodejs_heap_size_total_bytes'),
    externalMb: mb('nodejs_external_memory_bytes'),
  };
}

/** Health once the gateway has taken in everything sent (or it stopped arriving: 10 s), as the pipeline reads it. */
async function caughtUp(url: string, total: number): Promise<Health> {
  let health = await getJson<Health>(`${url}/api/health`);
  for (let i = 0; i < 100 && Number(gatewayOf(health).received ?? 0) < total; i++) {
    await sleep(100);
    health = await getJson<Health>(`${url}/api/health`);
  }
  return health;
}

function gatewayOf(h: Health): Record<string, unknown> {
  return (h.components.gateways?.['vda5050-mqtt'] ?? {}) as Record<string, unknown>;
}
