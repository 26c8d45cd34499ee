// Commands scenario: C commands issued over HTTP (commands.issue, signed in as an operator created for the run,
// with the session cookie and the app's Origin as a browser sends them) at a steady rate to R simulated robots, each
// followed to its final status. Figures: issue → acknowledged and issue → final latency from the ledger's own
// timestamps, the HTTP round trip of the mutation, final statuses, and the executions the simulator counted
// (which must equal the commands that succeeded: nothing lost, nothing run twice).
import type { CommandPage, CommandType, CommandView } from '../../server/domain/commands/command';
import type { RobotView } from '../../server/domain/robot';
import { readMapFile } from '../../server/services/site-map';
import { startFleet } from '../../server/sim/fleet';
import { freshDatabase } from '../lib/database';
import { clearRetained } from '../lib/retained';
import { sleep, watchProcess } from '../lib/proc';
import { signInAs, startApp } from '../lib/stack';
import { Histogram, type LatencySummary } from '../lib/stats';
import { trpcMutation, trpcQuery } from '../lib/trpc-http';

export interface CommandsParams {
  commands: number;
  robots: number;
  /** Commands issued per second (open loop: the rate does not wait for answers). */
  rate: number;
  hz: number;
  databaseUrl?: string;
  mqttUrl?: string;
}

export interface CommandsResult {
  params: CommandsParams & { database: string; broker: string };
  issued: number;
  statuses: Record<string, number>;
  issueToAckMs: LatencySummary;
  issueToFinalMs: LatencySummary;
  httpRoundTripMs: LatencySummary;
  executions: number;
  succeeded: number;
  executionsEqualCommands: boolean;
  resends: number;
  appCpuCores: number;
}

// Each robot alternates pause and resume, with a state request now and then: all instant actions the simulator counts.
const CYCLE: CommandType[] = ['pause', 'resume', 'stateRequest'];
const OPEN = ['requested', 'queued', 'dispatched', 'acknowledged', 'running'];

export async function runCommands(p: CommandsParams): Promise<CommandsResult> {
  const db = await freshDatabase(p.databaseUrl, 'cmd');
  const stack = await startApp({ dataDir: db.dataDir, databaseUrl: db.url, mqttUrl: p.mqttUrl });
  const fleet = await startFleet({
    brokerUrl: stack.brokerUrl,
    clientOptions: stack.robotLogin,
    iface: stack.iface,
    robots: p.robots,
    hz: p.hz,
    seed: 11,
    map: await readMapFile(),
    autonomous: 'never',
  });
  try {
    const operator = await signInAs(stack, 'operator');
    await Promise.race([
      fleet.ready,
      sleep(60_000).then(() => Promise.reject(new Error('the simulated robots did not connect to the broker within 60 s (refused?)'))),
    ]);
    let robots: RobotView[] = [];
    for (let i = 0; i < 300 && robots.length < p.robots; i++) {
      await sleep(100);
      robots = (await trpcQuery<RobotView[]>(operator, 'fleet.list')).filter((r) => r.connection === 'ONLINE' && r.pose);
    }
    if (robots.length < p.robots) throw new Error(`only ${robots.length} of ${p.robots} robots came online`);
    await sleep(1000); // factsheets arrive
    const watch = watchProcess(stack.app.proc.pid!);
    const http = new Histogram();
    const next = new Map<number, number>();
    const pending: Promise<void>[] = [];
    const t0 = performance.now();
    for (let i = 0; i < p.commands; i++) {
      const wait = t0 + (i * 1000) / p.rate - performance.now();
      if (wait > 0) await sleep(wait);
      const robot = robots[i % robots.length]!;
      const k = next.get(robot.id) ?? 0;
      next.set(robot.id, k + 1);
      const started = performance.now();
      pending.push(
        trpcMutation<CommandView>(operator, 'commands.issue', { robotId: robot.id, type: CYCLE[k % CYCLE.length] }).then(() =>
          http.add(performance.now() - started),
        ),
      );
    }
    await Promise.all(pending);
    for (let i = 0; i < 600; i++) {
      const open = await trpcQuery<CommandPage>(operator, 'commands.list', { status: OPEN, limit: 1 });
      if (open.items.length === 0) break;
      await sleep(100);
    }
    const usage = watch.stop();
    const all: CommandView[] = [];
    let cursor: string | undefined;
    do {
      const page: CommandPage = await trpcQuery<CommandPage>(operator, 'commands.list', { limit: 500, ...(cursor && { cursor }) });
      all.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const toAck = new Histogram();
    const toFinal = new Histogram();
    const statuses: Record<string, number> = {};
    let resends = 0;
    for (const c of all) {
      statuses[c.status] = (statuses[c.status] ?? 0) + 1;
      if (c.acknowledgedAt !== null) toAck.add(c.acknowledgedAt - c.issuedAt);
      if (c.finishedAt !== null) toFinal.add(c.finishedAt - c.issuedAt);
      resends += Math.max(0, c.attempts - 1);
    }
    const counted = Object.values(fleet.executions()).reduce(
      (n, e) => n + (e.startPause ?? 0) + (e.stopPause ?? 0) + (e.stateRequest ?? 0),
      0,
    );
    const succeeded = statuses.succeeded ?? 0;
    return {
      params: { ...p, database: db.kind, broker: p.mqttUrl ? 'external' : 'embedded' },
      issued: all.length,
      statuses,
      issueToAckMs: toAck.summary(),
      issueToFinalMs: toFinal.summary(),
      httpRoundTripMs: http.summary(),
      executions: counted,
      succeeded,
      executionsEqualCommands: counted === succeeded && succeeded === p.commands,
      resends,
      appCpuCores: usage.cpuCores,
    };
  } finally {
    await fleet.stop().catch(() => {});
    await stack.app.stop('SIGTERM').catch(() => {});
    await db.drop().catch(() => {});
    if (p.mqttUrl) await clearRetained(p.mqttUrl, stack.iface).catch(() => {});
  }
}
