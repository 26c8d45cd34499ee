// Starts chaos/lib/sim-child.ts and asks it what its robots sent and executed.
import path from 'node:path';
import type { Executions } from '../../server/sim/fleet';
import type { PublishCounters } from '../../server/sim/sim-robot';
import { startChild, type ChaosChild } from './child';

export interface SimReport {
  published: PublishCounters;
  executions: Executions;
}

export interface SimHandle {
  child: ChaosChild;
  report(): Promise<SimReport>;
  /** Holds back every robot's outgoing messages `ms` (0: no more), e.g. so replies land inside an outage. */
  delay(ms: number): Promise<void>;
  /** Clean stop (OFFLINE, disconnect), with the final report. */
  stop(): Promise<SimReport | null>;
}

export async function startSim(o: {
  dir: string;
  brokerUrl: string;
  iface: string;
  robots: number;
  hz: number;
  seed: number;
}): Promise<SimHandle> {
  const child = startChild({
    script: 'chaos/lib/sim-child.ts',
    env: { SIM_BROKER: o.brokerUrl, SIM_IFACE: o.iface, SIM_ROBOTS: String(o.robots), SIM_HZ: String(o.hz), SIM_SEED: String(o.seed) },
    name: 'sim',
    logFile: path.join(o.dir, 'sim.log'),
    stdin: true,
    maxLine: 10_000_000,
  });
  const ask = async (cmd: string, timeoutMs: number): Promise<SimReport> => {
    const line = child.waitFor(/^\{"report"/, timeoutMs);
    child.proc.stdin!.write(`${cmd}\n`);
    return (JSON.parse(await line) as { report: SimReport }).report;
  };
  try {
    await child.waitFor(/^sim ready/, 60_000);
  } catch (err) {
    await child.stop('SIGKILL');
    throw err;
  }
  return {
    child,
    report: () => ask('report', 10_000),
    async delay(ms) {
      const done = child.waitFor(/^delay set/, 10_000);
      child.proc.stdin!.write(`delay ${Math.round(ms)}\n`);
      await done;
    },
    async stop() {
      if (child.exited()) return null;
      const r = await ask('stop', 15_000).catch(() => null);
      await child.stop('SIGTERM', 5000);
      return r;
    },
  };
}
