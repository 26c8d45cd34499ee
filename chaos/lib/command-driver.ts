// Commands to simulated robots during a fault: issued open loop at a steady rate over HTTP (commands.issue as an
// operator's browser sends it), each robot cycling pause → resume → stateRequest → goTo, then followed to final
// statuses and checked against what the robots executed (server/sim action ledger: an actionId never runs twice).
import type { BenchSession } from '../../bench/lib/trpc-http';
import { FINAL_STATUSES, type CommandPage, type CommandType, type CommandView } from '../../server/domain/commands/command';
import type { RobotView } from '../../server/domain/robot';
import { createPrng } from '../../server/sim/prng';
import type { Executions } from '../../server/sim/fleet';
import { call, mustQuery } from './trpc';

const CYCLE: CommandType[] = ['pause', 'resume', 'stateRequest', 'goTo'];
/** What each command type makes the robot execute, as the simulator counts it. */
const EXECUTED_AS: Partial<Record<CommandType, string>> = {
  pause: 'startPause',
  resume: 'stopPause',
  stateRequest: 'stateRequest',
  goTo: 'order',
};
const OPEN = ['requested', 'queued', 'dispatched', 'acknowledged', 'running'];

export interface IssuedCommand {
  robotId: number;
  type: CommandType;
  /** Epoch ms when the request was sent. */
  at: number;
  http: number;
  ms: number;
  id?: string;
  error?: string;
}

export async function onlineRobots(s: BenchSession, n: number, timeoutMs: number): Promise<RobotView[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const robots = (await mustQuery<RobotView[]>(s, 'fleet.list')).filter((r) => r.connection === 'ONLINE' && r.pose);
    if (robots.length >= n) return robots;
    if (Date.now() > deadline) throw new Error(`only ${robots.length} of ${n} robots came online within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export function startDriver(o: {
  session: () => BenchSession;
  robots: RobotView[];
  rate: number;
  seed: number;
  nodes: string[];
  timeoutMs: number;
}) {
  const prng = createPrng(o.seed);
  const issued: IssuedCommand[] = [];
  const pending = new Set<Promise<void>>();
  let i = 0;
  const issue = (robot: RobotView, type: CommandType): Promise<void> => {
    const params = type === 'goTo' ? { nodeId: o.nodes[prng.int(o.nodes.length)]! } : undefined;
    const at = Date.now();
    const p = call<CommandView>(
      o.session(),
      'mutation',
      'commands.issue',
      { robotId: robot.id, type, ...(params && { params }) },
      o.timeoutMs,
    ).then((r) => {
      issued.push({
        robotId: robot.id,
        type,
        at,
        http: r.http,
        ms: r.ms,
        ...(r.data && { id: r.data.id }),
        ...(r.error && { error: r.error.slice(0, 200) }),
      });
    });
    pending.add(p);
    void p.finally(() => pending.delete(p));
    return p;
  };
  const timer = setInterval(() => {
    const robot = o.robots[i % o.robots.length]!;
    const type = CYCLE[Math.floor(i / o.robots.length) % CYCLE.length]!;
    i++;
    void issue(robot, type);
  }, 1000 / o.rate);
  return {
    issued,
    /** One `type` command to every robot at once; resolves when all are answered (accepted or not). */
    burst: (type: CommandType) => Promise.all(o.robots.map((r) => issue(r, type))),
    async stop(): Promise<IssuedCommand[]> {
      clearInterval(timer);
      await Promise.all(pending);
      return issued.sort((a, b) => a.at - b.at);
    },
  };
}

/** A resume to every robot, so no goTo waits forever behind the driver's last pause. */
export async function resumeAll(s: BenchSession, robots: RobotView[], timeoutMs: number): Promise<void> {
  await Promise.all(robots.map((r) => call(s, 'mutation', 'commands.issue', { robotId: r.id, type: 'resume' }, timeoutMs)));
}

export async function listAllCommands(s: BenchSession): Promise<CommandView[]> {
  const all: CommandView[] = [];
  let cursor: string | undefined;
  do {
    const page: CommandPage = await mustQuery<CommandPage>(s, 'commands.list', { limit: 500, ...(cursor && { cursor }) });
    all.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return all;
}

/** Polls until no command is open or `boundMs` passes; returns the ledger and how long it took. */
export async function waitAllFinal(
  s: BenchSession,
  boundMs: number,
): Promise<{ commands: CommandView[]; settledMs: number; open: CommandView[] }> {
  const t0 = Date.now();
  for (;;) {
    const open = await mustQuery<CommandPage>(s, 'commands.list', { status: OPEN, limit: 500 }).catch(() => null);
    if ((open && open.items.length === 0) || Date.now() - t0 > boundMs) {
      const commands = await listAllCommands(s);
      return { commands, settledMs: Date.now() - t0, open: commands.filter((c) => !FINAL_STATUSES.includes(c.status)) };
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Final statuses against executions, per robot and type: what ran twice, what succeeded unexecuted, what ran but ended otherwise. */
export function checkExecutions(commands: CommandView[], serialOf: Map<number, string>, executions: Executions) {
  const groups = new Map<string, { serial: string; action: string; issued: number; succeeded: number }>();
  for (const c of commands) {
    const action = EXECUTED_AS[c.type];
    const serial = serialOf.get(c.robotId);
    if (!action || !serial) continue;
    const key = `${serial}/${action}`;
    const g = groups.get(key) ?? { serial, action, issued: 0, succeeded: 0 };
    g.issued++;
    if (c.status === 'succeeded') g.succeeded++;
    groups.set(key, g);
  }
  let executed = 0;
  let executedTwice = 0;
  let succeededNotExecuted = 0;
  let executedNotSucceeded = 0;
  let ordersNotSucceeded = 0;
  const details: string[] = [];
  for (const g of groups.values()) {
    const n = executions[g.serial]?.[g.action] ?? 0;
    executed += n;
    executedTwice += Math.max(0, n - g.issued);
    succeededNotExecuted += Math.max(0, g.succeeded - n);
    // An instant action that ran must end succeeded; a goTo whose order the robot accepted may still time out on the way.
    const ranNotSucceeded = Math.max(0, Math.min(n, g.issued) - g.succeeded);
    if (g.action === 'order') ordersNotSucceeded += ranNotSucceeded;
    else executedNotSucceeded += ranNotSucceeded;
    if (n !== g.succeeded) {
      const others = commands.filter(
        (c) => serialOf.get(c.robotId) === g.serial && EXECUTED_AS[c.type] === g.action && c.status !== 'succeeded',
      );
      const how = others.map((c) => `${c.status} "${c.outcome ?? ''}" after ${c.attempts} sends`).join(', ');
      details.push(`${g.serial} ${g.action}: ${g.issued} issued, ${g.succeeded} succeeded, ${n} executed (${how})`);
    }
  }
  return { executed, executedTwice, succeededNotExecuted, executedNotSucceeded, ordersNotSucceeded, details };
}

export function statusCounts(commands: CommandView[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of commands) out[c.status] = (out[c.status] ?? 0) + 1;
  return out;
}
