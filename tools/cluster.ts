// `npm run cluster`: a local cluster on loopback against the machine's Postgres, Mosquitto, NATS and Redis: N app
// processes (node-1 …) on one database, bus and broker, a round-robin proxy in front of them and the simulator, every
// child's lines prefixed with its name. Ctrl-C (or --duration) stops them all; the NATS stream of the run's prefix
// and its Redis keys are deleted unless --keep. It never starts or stops a shared service: a missing one is named
// with its start command.
import { spawnSync } from 'node:child_process';
import type { Child } from '../bench/lib/proc';
import { ROOT, sleep, startTs } from '../bench/lib/proc';
import { deleteNatsStream, streamNameOf } from '../server/adapters/bus/nats-jetstream';
import { buildIsCurrent } from '../server/next-build';
import { portIsFree } from '../server/testing/test-env';
import { leaderOf, planNodes, readHealth, robotsOf, servesWeb, sharedEnv, startNode, table, type NodeSpec } from './cluster/nodes';
import { parseOptions } from './cluster/options';
import { startProxy, type RoundRobinProxy } from './cluster/proxy';
import { clusterDatabase, removeRedisKeys, unreachableServices } from './cluster/services';

const log = (line: string) => console.log(`[cluster] ${line}`);
const NODE_START_MS = 180_000;
const o = parseOptions(process.argv.slice(2));
const specs = planNodes(o);
const nodes = new Map<string, Child>();
let sim: Child | null = null;
let proxy: RoundRobinProxy | null = null;
let stopping = false;

async function waitAnswering(spec: NodeSpec, child: Child): Promise<void> {
  const deadline = Date.now() + NODE_START_MS;
  while ((await readHealth(spec.url))?.node !== spec.id) {
    if (child.proc.exitCode !== null) throw new Error(`${spec.id} exited (${child.proc.exitCode}) while starting`);
    if (Date.now() > deadline) throw new Error(`${spec.id} did not answer ${spec.url}/api/health within ${NODE_START_MS / 1000} s`);
    await sleep(300);
  }
}

function launch(spec: NodeSpec, shared: Record<string, string>): Child {
  const child = startNode(spec, shared);
  nodes.set(spec.id, child);
  child.proc.once('exit', (code, signal) => {
    if (!stopping) log(`${spec.id} exited (${signal ?? `code ${code}`}); the other nodes carry on (Ctrl-C stops the cluster)`);
  });
  return child;
}

async function stop(code: number): Promise<never> {
  if (stopping) {
    // A second Ctrl-C: no more waiting.
    for (const c of [sim, ...nodes.values()]) c?.proc.kill('SIGKILL');
    process.exit(code);
  }
  stopping = true;
  log('stopping the simulator, the nodes and the proxy');
  await sim?.stop('SIGTERM', 10_000);
  await Promise.all([...nodes.values()].map((n) => n.stop('SIGTERM', 20_000)));
  await proxy?.close();
  const stream = streamNameOf(o.busPrefix);
  if (o.keep)
    log(`kept NATS stream ${stream} and Redis keys ${o.busPrefix}:*: start again with --bus-prefix ${o.busPrefix} --interface ${o.iface}`);
  else {
    await deleteNatsStream(o.services.nats, o.busPrefix).then(
      () => log(`deleted NATS stream ${stream}`),
      (err: unknown) => log(`could not delete NATS stream ${stream}: ${(err as Error).message}`),
    );
    await removeRedisKeys(o.services.redis, o.busPrefix).then(
      (n) => log(`deleted ${n} Redis keys ${o.busPrefix}:*`),
      (err: unknown) => log(`could not delete Redis keys ${o.busPrefix}:*: ${(err as Error).message}`),
    );
  }
  log(`stopped (proxy served ${JSON.stringify(proxy?.served() ?? {})})`);
  process.exit(code);
}

async function printStatus(): Promise<void> {
  const rows = [['node', 'url', 'pid', 'roles', 'leader', 'robots']];
  for (const spec of specs) {
    const h = await readHealth(spec.url);
    const pid = String(nodes.get(spec.id)?.proc.pid ?? '-');
    rows.push([spec.id, spec.url, pid, spec.roles, h ? leaderOf(h) : 'no answer', String((h && robotsOf(h)) ?? '-')]);
  }
  console.log(`\n${table(rows)}\n`);
  const leader = specs.find((_, i) => rows[i + 1]![4] === 'leader');
  console.log(`  app (round robin over the web nodes): ${proxy!.url}   sign in as ${o.admin.email}`);
  console.log(`  cluster view: curl -s ${proxy!.url}/api/health | jq '.node, .components.cluster.nodes'`);
  if (leader)
    console.log(
      `  failover: kill -9 ${nodes.get(leader.id)?.proc.pid} (${leader.id}, the leader): a standby takes the lease within seconds and its robots move to the other gateways`,
    );
  console.log(`  pids: ${specs.map((s) => `${s.id}=${nodes.get(s.id)?.proc.pid}`).join(' ')}${sim ? ` sim=${sim.proc.pid}` : ''}\n`);
}

async function main(): Promise<void> {
  const missing = await unreachableServices(o.services);
  if (missing.length > 0) {
    for (const m of missing) console.error(`cluster: ${m}`);
    process.exit(1);
  }
  for (const [port, what] of [[o.port, 'the proxy (--port)'] as const, ...specs.map((s) => [s.port, `${s.id} (--base-port)`] as const)])
    if (!(await portIsFree(port))) {
      console.error(`cluster: port ${port} for ${what} is in use (another cluster still running?); choose other ports`);
      process.exit(1);
    }
  const db = await clusterDatabase(o.services.postgres, o.database, o.fresh);
  log(`database ${o.database}: ${db.created ? 'created' : 'kept from an earlier run (--fresh starts it empty)'}`);
  log(`bus prefix ${o.busPrefix}, VDA interface ${o.iface}`);
  if (!buildIsCurrent()) {
    // Built once here: several nodes starting at once would each run `next build` into the same .next.
    log('no current production build: running npm run build');
    const r = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`npm run build failed (exit ${r.status ?? r.signal})`);
  }
  log(
    `first administrator (created only while the database has no users): ${o.admin.email} / ${o.admin.fromEnv ? '(ADMIN_PASSWORD)' : `${o.admin.password} (set ADMIN_EMAIL / ADMIN_PASSWORD to choose)`}`,
  );
  process.on('SIGINT', () => void stop(130));
  process.on('SIGTERM', () => void stop(0));

  const shared = sharedEnv(o, db.url);
  // The first node alone runs the migrations and creates the administrator; the others then start side by side.
  const [first, ...rest] = specs;
  await waitAnswering(first!, launch(first!, shared));
  await Promise.all(rest.map((s) => waitAnswering(s, launch(s, shared))));
  // The proxy spreads the browsers over the web nodes only.
  proxy = await startProxy({ port: o.port, upstreams: specs.filter(servesWeb).map((s) => ({ name: s.id, port: s.port })) });
  log(`every node answers; proxy on ${proxy.url}`);
  if (o.robots > 0) {
    const args = ['--robots', String(o.robots), '--hz', String(o.hz), '--broker', o.services.mqtt, '--interface', o.iface];
    sim = startTs('server/sim/cli.ts', args, {}, 'sim', { echo: true });
    await sim.waitFor(/^sim: all robots connected/, 60_000);
    await sleep(2000);
  }
  await printStatus();
  log(o.duration ? `ready; stopping in ${o.duration} s` : 'ready; Ctrl-C stops the cluster');
  if (o.duration) setTimeout(() => void stop(0), o.duration * 1000);
}

main().catch((err: unknown) => {
  console.error(`cluster: ${(err as Error).message}`);
  void stop(1);
});
