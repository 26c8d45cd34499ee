// Pipeline scenario: N simulated robots at H Hz (own processes) → broker → app (gateway → bus → history writer →
// database, state store → fan-out) → K headless viewers (own process, signed in as a viewer), for T seconds.
import { deleteNatsStream } from '../../server/adapters/bus/nats-jetstream';
import os from 'node:os';
import { createHistoryStore } from '../../server/adapters/storage/history-store';
import { HISTORY_SOURCE } from '../../server/domain/history/history-sample';
import { SLICE_TIER } from '../../server/domain/history/slice';
import { decodeSamples } from '../../server/domain/history/slice-codec';
import { measureCpuBudget, pidsNamed, type CpuBudget } from '../lib/cpu-budget';
import { clearRetained } from '../lib/retained';
import { freshDatabase } from '../lib/database';
import { getJson, sleep, watchProcess, type Child } from '../lib/proc';
import { measureWhenSettled, SIM_DONE, signInAs, startApp, startSims, startViewerProcess } from '../lib/stack';
import type { LatencySummary } from '../lib/stats';

export interface PipelineParams {
  robots: number;
  hz: number;
  viewers: number;
  seconds: number;
  /** Base Postgres URL (a fresh database is made beside it); unset → PGlite. */
  databaseUrl?: string;
  /** External broker; unset → the app's embedded broker. */
  mqttUrl?: string;
  fanoutHz: number;
  /** Extra app environment, e.g. TRACE_ENABLED=false to measure what tracing costs. */
  appEnv?: Record<string, string>;
}

export interface PipelineResult {
  params: PipelineParams & { database: string; broker: string };
  offeredMsgsPerSec: number;
  achievedMsgsPerSec: number;
  visualizationSent: number;
  samplesPersisted: number;
  samplesLost: number;
  lossRatio: number;
  latencyMs: LatencySummary;
  viewerFrames: number;
  eventLoopDelayP99Ms: number;
  appCpuCores: number;
  /** CPU seconds the app used while the robots sent (unrounded, for per-message cost). */
  appCpuSeconds: number;
  appPeakRssMb: number;
  /** Commit time of the history writer's batches of slices, when its health reports it (else NaN). */
  dbBatchCommitP50Ms: number;
  dbBatchCommitP99Ms: number;
  /** History commit time per sample stored (ms), when the history health reports its total commit time. */
  ingestMsPerRow: number | null;
  invalidMessages: number;
  /** Cores used by the app, simulators, viewers, broker and database over the middle of the run. */
  cpuBudget: CpuBudget | null;
}

interface Health {
  components: Record<string, Record<string, unknown>>;
}

export async function runPipeline(p: PipelineParams): Promise<PipelineResult> {
  const db = await freshDatabase(p.databaseUrl, 'pipe');
  const children: Child[] = [];
  let iface: string | undefined;
  try {
    const stack = await startApp({ dataDir: db.dataDir, databaseUrl: db.url, mqttUrl: p.mqttUrl, fanoutHz: p.fanoutHz, env: p.appEnv });
    const { app, url } = stack;
    iface = stack.iface;
    children.push(app);
    // The viewers sign in as a viewer would: one session (cookie) for all of them, sent with the app's Origin.
    const viewer = await signInAs(stack, 'viewer');
    const viewers = await startViewerProcess({ url, cookie: viewer.cookie, clients: p.viewers, children });

    const watch = watchProcess(app.proc.pid!);
    const sims = startSims({
      robots: p.robots,
      hz: p.hz,
      brokerUrl: stack.robotBrokerUrl,
      iface: stack.iface,
      seconds: p.seconds,
      name: 'pipeline',
    });
    children.push(...sims);
    const settled = measureWhenSettled(sims, viewers).catch(() => {});
    const t0 = performance.now();
    // Over the middle of the run: after the robots have connected, before they stop.
    const window = Math.max(2, p.seconds - 8) * 1000;
    const budget = measureCpuBudget(
      {
        app: () => [app.proc.pid!],
        simulators: () => sims.map((s) => s.proc.pid!),
        viewers: () => [viewers.proc.pid!],
        ...(p.mqttUrl && { mosquitto: () => pidsNamed('mosquitto') }),
        ...(p.databaseUrl && { postgres: () => pidsNamed('postgres') }),
      },
      Math.min(6000, p.seconds * 300),
      window,
      os.cpus().length,
    ).catch(() => null);
    const done = await Promise.all(sims.map((s) => s.waitFor(SIM_DONE, (p.seconds + 120) * 1000)));
    const cpuBudget = await budget;
    await settled;
    const elapsed = (performance.now() - t0) / 1000;
    const visualizationSent = done.reduce((a, m) => a + Number(m[1]), 0);
    const totalSent = done.reduce((a, m) => a + Number(m[3]), 0);

    // Wait until everything sent has reached the gateway (or stopped arriving), then read the app's figures.
    let health = await getJson<Health>(`${url}/api/health`);
    for (let i = 0; i < 100 && Number(gatewayOf(health).received) < totalSent; i++) {
      await sleep(100);
      health = await getJson<Health>(`${url}/api/health`);
    }
    const usage = watch.stop();
    viewers.proc.kill('SIGTERM');
    const viewerResult = JSON.parse((await viewers.waitFor(/^RESULT (.*)$/, 10_000))[1]!) as { frames: number; latencyMs: LatencySummary };
    await sleep(300); // the last batch of closed slices
    health = await getJson<Health>(`${url}/api/health`);
    const history = health.components.history ?? {};
    await app.stop('SIGTERM'); // closes the open slices and writes what is still buffered

    // Visualization samples held in the raw tier, decoded from their slices (one per message sent).
    const conn = await db.open();
    const slices = await createHistoryStore(conn).readSlices({ tier: SLICE_TIER.raw, from: 0, to: Number.MAX_SAFE_INTEGER });
    await conn.close();
    let samplesPersisted = 0;
    for (const s of slices) for (const x of decodeSamples(s.data)) if (x.source === HISTORY_SOURCE.visualization) samplesPersisted++;
    const figure = (k: string) => (typeof history[k] === 'number' ? (history[k] as number) : null);
    const commitMsTotal = figure('commitMsTotal');
    return {
      params: { ...p, database: db.kind, broker: p.mqttUrl ? 'external' : 'embedded' },
      offeredMsgsPerSec: p.robots * p.hz,
      achievedMsgsPerSec: Math.round(visualizationSent / Math.max(1, Math.min(elapsed, p.seconds))),
      visualizationSent,
      samplesPersisted,
      samplesLost: visualizationSent - samplesPersisted,
      lossRatio: visualizationSent === 0 ? 0 : (visualizationSent - samplesPersisted) / visualizationSent,
      latencyMs: viewerResult.latencyMs,
      viewerFrames: viewerResult.frames,
      eventLoopDelayP99Ms: Number(health.components.process?.eventLoopDelayP99Ms ?? 0),
      appCpuCores: usage.cpuCores,
      appCpuSeconds: usage.cpuSeconds,
      appPeakRssMb: usage.peakRssMb,
      dbBatchCommitP50Ms: figure('batchCommitP50Ms') ?? Number.NaN,
      dbBatchCommitP99Ms: figure('batchCommitP99Ms') ?? Number.NaN,
      ingestMsPerRow: commitMsTotal === null ? null : commitMsTotal / Math.max(1, figure('samples') ?? 1),
      invalidMessages: Number(gatewayOf(health).invalid ?? 0),
      cpuBudget,
    };
  } finally {
    for (const c of children) await c.stop('SIGTERM').catch(() => {});
    await db.drop().catch(() => {});
    if (p.mqttUrl && iface) await clearRetained(p.mqttUrl, iface).catch(() => {});
    if (p.appEnv?.BUS_URL && iface) await deleteNatsStream(p.appEnv.BUS_URL, iface).catch(() => {});
  }
}

function gatewayOf(h: Health): Record<string, unknown> {
  return (h.components.gateways?.['vda5050-mqtt'] ?? {}) as Record<string, unknown>;
}
