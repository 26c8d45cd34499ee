// Cluster scenario: the pipeline scenario's run (N simulated robots at H Hz → Mosquitto → app → Postgres and K
// headless viewers, for T seconds) against two app nodes instead of one process, started as `npm run cluster` starts
// them (tools/cluster/): one Postgres database, one Mosquitto, one NATS JetStream bus prefix, one Redis, each node
// with its own NODE_ID, PORT and DATA_DIR, both NODE_ROLES=all. Each node's gateway takes its share of the robots
// (rendezvous hashing), every node's fleet state holds the whole fleet, and the viewers are split evenly over the
// nodes, each connected straight to its node's port (no proxy). Loss counts the samples in the shared database,
// whichever node wrote them.
import os from 'node:os';
import path from 'node:path';
import { deleteNatsStream } from '../../server/adapters/bus/nats-jetstream';
import { createHistoryStore } from '../../server/adapters/storage/history-store';
import { HISTORY_SOURCE } from '../../server/domain/history/history-sample';
import { SLICE_TIER } from '../../server/domain/history/slice';
import { decodeSamples } from '../../server/domain/history/slice-codec';
import { freePort, portIsFree } from '../../server/testing/test-env';
import {
  planNodes,
  readHealth,
  robotsOf,
  servesWeb,
  sharedEnv,
  startNode,
  type NodeHealth,
  type NodeSpec,
} from '../../tools/cluster/nodes';
import { parseOptions } from '../../tools/cluster/options';
import { removeRedisKeys, unreachableServices } from '../../tools/cluster/services';
import { measureCpuBudget, pidsNamed, type CpuBudget } from '../lib/cpu-budget';
import { freshDatabase } from '../lib/database';
import { sleep, watchProcess, type Child } from '../lib/proc';
import { clearRetained } from '../lib/retained';
import { measureWhenSettled, SIM_DONE, startSims, startViewerProcess } from '../lib/stack';
import type { LatencySummary } from '../lib/stats';
import { signIn, trpcMutation } from '../lib/trpc-http';

export interface ClusterParams {
  robots: number;
  hz: number;
  viewers: number;
  seconds: number;
  fanoutHz: number;
  nodes: number;
  /** Each node's NODE_ROLES (their number overrides `nodes`); absent: every node `all`. */
  roles?: string[];
  /** Base Postgres URL: a fresh database is made beside it and shared by the nodes. */
  databaseUrl: string;
  mqttUrl: string;
  busUrl: string;
  redisUrl: string;
}

export interface ClusterNodeResult {
  node: string;
  port: number;
  viewers: number;
  /** Latency seen by this node's viewers. */
  latencyMs: LatencySummary | null;
  cpuCores: number;
  cpuSeconds: number;
  peakRssMb: number;
  /** Messages this node's gateway took from the broker (every robot's) and those it left to the other gateway. */
  gatewayReceived: number;
  /**
   * Of every robot message the simulators sent (all of them, since every gateway subscribes to every robot), those
   * this node's gateway never heard: the broker dropped them (Mosquitto drops QoS 0 messages past a subscriber's
   * `max_queued_messages`, 1000 by default) or they came too late to count. Null on a node without a gateway.
   */
  gatewayNeverHeard: number | null;
  gatewayOwned: number;
  /** Robots in this node's live fleet state (`fleet.robots` in its health): the whole fleet on every node. */
  robotsInFleetState: number | null;
  eventLoopDelayP99Ms: number;
  historySamples: number | null;
  /**
   * Times this node split the robots again after start-up (its log's `the gateways changed` at info level): a peer
   * unheard for 3 s is taken for gone and its robots taken over, so both nodes write those robots for a while.
   */
  ownershipChanges: number;
}

export interface ClusterResult {
  params: ClusterParams;
  offeredMsgsPerSec: number;
  achievedMsgsPerSec: number;
  visualizationSent: number;
  /** Visualization samples in the shared database's raw slices, whichever node wrote them. */
  samplesPersisted: number;
  /** Of them, distinct (robot, headerId): a sample written by both nodes would count once here. */
  samplesDistinct: number;
  samplesLost: number;
  lossRatio: number;
  latencyMs: LatencySummary;
  viewerFrames: number;
  nodes: ClusterNodeResult[];
  /** Sum of the nodes' CPU over the run (cores). */
  appCpuCores: number;
  /** Cores used by each node, the simulators, viewers, Mosquitto, Postgres, NATS and Redis over the middle of the run. */
  cpuBudget: CpuBudget | null;
}

const NODE_START_MS = 240_000;

/** Why the scenario cannot run here (a variable unset or a service not answering), or null. */
export async function clusterSkipReason(env: NodeJS.ProcessEnv = process.env): Promise<string | null> {
  const unset = ['DATABASE_URL', 'MQTT_URL', 'BUS_URL'].filter((k) => !env[k]);
  if (unset.length > 0) return `${unset.join(', ')} not set (it needs Postgres, Mosquitto and NATS; Redis defaults to 127.0.0.1:6379)`;
  const missing = await unreachableServices(clusterServices(env));
  return missing.length > 0 ? missing.join('; ') : null;
}

export function clusterServices(env: NodeJS.ProcessEnv = process.env) {
  return {
    postgres: env.DATABASE_URL!,
    mqtt: env.MQTT_URL!,
    nats: env.BUS_URL!,
    redis: env.REDIS_URL || 'redis://127.0.0.1:6379',
  };
}

/** N consecutive free ports for the nodes (planNodes numbers them from a base port). */
async function freeBasePort(n: number): Promise<number> {
  for (let tries = 0; tries < 20; tries++) {
    const base = await freePort();
    if (base + n > 65535) continue;
    let ok = true;
    for (let i = 1; i < n && ok; i++) ok = await portIsFree(base + i);
    if (ok) return base;
  }
  throw new Error(`no ${n} consecutive free ports found`);
}

async function waitNode(spec: NodeSpec, child: Child, nodes: number): Promise<void> {
  const deadline = Date.now() + NODE_START_MS;
  for (;;) {
    if (child.proc.exitCode !== null) throw new Error(`${spec.id} exited (${child.proc.exitCode}):\n${child.output.slice(-15).join('\n')}`);
    const h = await readHealth(spec.url);
    const seen = (h?.components.cluster?.nodes as unknown[] | undefined)?.length ?? 0;
    if (h?.node === spec.id && seen >= nodes) return;
    if (Date.now() > deadline) throw new Error(`${spec.id} did not answer as one of ${nodes} nodes within ${NODE_START_MS / 1000} s`);
    await sleep(300);
  }
}

const isGateway = (s: NodeSpec) => s.roles === 'all' || s.roles.split(',').includes('gateway');

function gatewayOf(h: NodeHealth | null): Record<string, unknown> {
  return (h?.components.gateways?.['vda5050-mqtt'] ?? {}) as Record<string, unknown>;
}

export async function runCluster(p: ClusterParams): Promise<ClusterResult> {
  const db = await freshDatabase(p.databaseUrl, 'cluster');
  const prefix = `bench${Date.now().toString(36)}`;
  const nodeCount = p.roles?.length ?? p.nodes;
  const basePort = await freeBasePort(nodeCount);
  const parsed = parseOptions(
    ['--nodes', String(nodeCount), '--base-port', String(basePort), '--port', '1', '--bus-prefix', prefix, '--interface', prefix],
    { DATABASE_URL: p.databaseUrl, MQTT_URL: p.mqttUrl, BUS_URL: p.busUrl, REDIS_URL: p.redisUrl, NODE_ENV: process.env.NODE_ENV },
  );
  const admin = { email: 'bench-admin@bench.local', password: `bench-${Math.random().toString(36).slice(2)}`, fromEnv: false };
  const o = { ...parsed, admin };
  // Without roles every node is both web and control candidate (planNodes makes the third and later ones non-candidates).
  const specs = planNodes({ ...o, roles: p.roles ?? Array.from({ length: nodeCount }, () => 'all') }).map((s) => ({
    ...s,
    dataDir: path.join(db.dataDir, s.id),
  }));
  const web = specs.filter(servesWeb);
  // With the roles split, the ingest node stops last: it writes the slices the gateways relay as they stop.
  const writesLast = (s: NodeSpec) =>
    p.roles !== undefined && s.roles.split(',').includes('ingest') && !s.roles.split(',').includes('gateway');
  const shared = { ...sharedEnv(o, db.url!), FANOUT_HZ: String(p.fanoutHz), LOG_LEVEL: 'info', MQTT_PORT: String(await freePort()) };
  const children: Child[] = [];
  const nodes: Child[] = [];
  try {
    // node-1 runs the migrations and creates the administrator; the others then start side by side.
    const [first, ...rest] = specs;
    const start = (s: NodeSpec) => {
      const c = startNode(s, shared, { echo: false });
      children.push(c);
      nodes.push(c);
      return c;
    };
    const firstNode = start(first!);
    await waitNode(first!, firstNode, 1);
    await Promise.all(rest.map((s) => waitNode(s, start(s), nodeCount)));
    await Promise.all(specs.map((s, i) => waitNode(s, nodes[i]!, nodeCount)));

    // One viewer session (sessions live in the shared database) for sockets on every node, each with its node's Origin.
    const adminSession = await signIn(web[0]!.url, admin.email, admin.password);
    const viewerLogin = { email: `bench-viewer-${prefix}@bench.local`, password: admin.password };
    await trpcMutation(adminSession, 'users.create', { ...viewerLogin, role: 'viewer' });
    const viewerSession = await signIn(web[0]!.url, viewerLogin.email, viewerLogin.password);
    const viewers = await startViewerProcess({
      url: web.map((s) => s.url).join(','),
      cookie: viewerSession.cookie,
      clients: p.viewers,
      children,
    });

    // From here on: each node's re-splits of the robots (counted on its output, which LOG_LEVEL=info includes).
    const splits = nodes.map(() => 0);
    nodes.forEach((n, i) => {
      const count = (b: Buffer) => void (splits[i]! += b.toString().split('the gateways changed').length - 1);
      n.proc.stdout!.on('data', count);
      n.proc.stderr!.on('data', count);
    });
    const watches = nodes.map((n) => watchProcess(n.proc.pid!));
    const sims = startSims({ robots: p.robots, hz: p.hz, brokerUrl: p.mqttUrl, iface: prefix, seconds: p.seconds, name: 'cluster' });
    children.push(...sims);
    const settled = measureWhenSettled(sims, viewers).catch(() => {});
    const t0 = performance.now();
    const window = Math.max(2, p.seconds - 8) * 1000;
    const budget = measureCpuBudget(
      {
        ...Object.fromEntries(specs.map((s, i) => [s.id, () => [nodes[i]!.proc.pid!]])),
        simulators: () => sims.map((s) => s.proc.pid!),
        viewers: () => [viewers.proc.pid!],
        mosquitto: () => pidsNamed('mosquitto'),
        postgres: () => pidsNamed('postgres'),
        nats: () => pidsNamed('nats-server'),
        redis: () => pidsNamed('redis-server'),
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

    // Every gateway subscribes to every robot: wait until each has heard everything sent (or it stopped arriving).
    for (const s of specs.filter(isGateway))
      for (let i = 0; i < 100 && Number(gatewayOf(await readHealth(s.url)).received ?? 0) < totalSent; i++) await sleep(100);
    const usage = watches.map((w) => w.stop());
    viewers.proc.kill('SIGTERM');
    const viewerResult = JSON.parse((await viewers.waitFor(/^RESULT (.*)$/, 10_000))[1]!) as {
      frames: number;
      latencyMs: LatencySummary;
      byUrl?: { url: string; clients: number; latencyMs: LatencySummary }[];
    };
    await sleep(300); // the last batch of closed slices
    const healths = await Promise.all(specs.map((s) => readHealth(s.url)));
    const resplits = [...splits];
    // Each node closes its open slices and writes (or relays) what it still buffers; an ingest node then writes
    // what was relayed to it.
    await Promise.all(nodes.filter((_, i) => !writesLast(specs[i]!)).map((n) => n.stop('SIGTERM')));
    if (specs.some(writesLast)) {
      await sleep(3000);
      await Promise.all(nodes.filter((_, i) => writesLast(specs[i]!)).map((n) => n.stop('SIGTERM')));
    }

    const conn = await db.open();
    const slices = await createHistoryStore(conn).readSlices({ tier: SLICE_TIER.raw, from: 0, to: Number.MAX_SAFE_INTEGER });
    await conn.close();
    let samplesPersisted = 0;
    const distinct = new Set<string>();
    for (const s of slices)
      for (const x of decodeSamples(s.data))
        if (x.source === HISTORY_SOURCE.visualization) {
          samplesPersisted++;
          distinct.add(`${s.robotId}:${x.headerId}`);
        }
    const nodeResults: ClusterNodeResult[] = specs.map((s, i) => {
      const h = healths[i] ?? null;
      const g = gatewayOf(h);
      const v = viewerResult.byUrl?.find((b) => b.url === s.url);
      const history = (h?.components.history ?? {}) as Record<string, unknown>;
      return {
        node: s.id,
        port: s.port,
        viewers: v?.clients ?? 0,
        latencyMs: v?.latencyMs ?? null,
        cpuCores: usage[i]!.cpuCores,
        cpuSeconds: usage[i]!.cpuSeconds,
        peakRssMb: usage[i]!.peakRssMb,
        gatewayReceived: Number(g.received ?? 0),
        gatewayNeverHeard: isGateway(s) ? Math.max(0, totalSent - Number(g.received ?? 0)) : null,
        gatewayOwned: Number(g.received ?? 0) - Number(g.otherGateways ?? 0),
        robotsInFleetState: (h && robotsOf(h)) ?? null,
        eventLoopDelayP99Ms: Number(h?.components.process?.eventLoopDelayP99Ms ?? 0),
        historySamples: typeof history.samples === 'number' ? history.samples : null,
        ownershipChanges: resplits[i]!,
      };
    });
    return {
      params: p,
      offeredMsgsPerSec: p.robots * p.hz,
      achievedMsgsPerSec: Math.round(visualizationSent / Math.max(1, Math.min(elapsed, p.seconds))),
      visualizationSent,
      samplesPersisted,
      samplesDistinct: distinct.size,
      samplesLost: visualizationSent - distinct.size,
      lossRatio: visualizationSent === 0 ? 0 : (visualizationSent - distinct.size) / visualizationSent,
      latencyMs: viewerResult.latencyMs,
      viewerFrames: viewerResult.frames,
      nodes: nodeResults,
      appCpuCores: Math.round(usage.reduce((a, u) => a + u.cpuCores, 0) * 100) / 100,
      cpuBudget,
    };
  } finally {
    for (const c of children) await c.stop('SIGTERM').catch(() => {});
    await db.drop().catch(() => {});
    await clearRetained(p.mqttUrl, prefix).catch(() => {});
    await deleteNatsStream(p.busUrl, prefix).catch(() => {});
    await removeRedisKeys(p.redisUrl, prefix).catch(() => {});
  }
}
