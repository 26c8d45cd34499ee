// Where the machine's CPU goes during a run: cores used by each process group (app, simulators, viewers, broker,
// database) over the same window in the middle of the run, next to the whole machine's busy cores from /proc/stat.
// Everything in a bench shares the same cores, so this shows how much of them the app actually had.
import fs from 'node:fs';
import { procSample, sleep } from './proc';

export interface CpuBudget {
  windowSeconds: number;
  /** Cores busy on the whole machine (all processes, kernel included) over the window. */
  machineBusyCores: number;
  machineCores: number;
  /** Cores used by each named group of processes over the window. */
  cores: Record<string, number>;
}

/** Process ids whose command name (/proc/<pid>/comm) is one of `names`, e.g. the Postgres server and its backends. */
export function pidsNamed(...names: string[]): number[] {
  const out: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (names.includes(fs.readFileSync(`/proc/${entry}/comm`, 'utf8').trim())) out.push(Number(entry));
    } catch {
      /* gone meanwhile */
    }
  }
  return out;
}

function machineTicks(): { busy: number; total: number } {
  const cpu = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const idle = (cpu[3] ?? 0) + (cpu[4] ?? 0); // idle + iowait
  const total = cpu.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

const cpuOf = (pids: number[]): Map<number, number> => new Map(pids.map((p) => [p, procSample(p)?.cpuSeconds ?? 0]));

/**
 * Waits `afterMs`, then measures for `windowMs`. Groups are functions so that processes started meanwhile (or a
 * database backend opened by the app) are found when the window opens; a process must live through the window.
 */
export async function measureCpuBudget(
  groups: Record<string, () => number[]>,
  afterMs: number,
  windowMs: number,
  cores: number,
): Promise<CpuBudget> {
  await sleep(afterMs);
  const pids = Object.fromEntries(Object.entries(groups).map(([k, f]) => [k, f()]));
  const before = Object.fromEntries(Object.entries(pids).map(([k, p]) => [k, cpuOf(p)]));
  const m0 = machineTicks();
  const t0 = performance.now();
  await sleep(windowMs);
  const seconds = (performance.now() - t0) / 1000;
  const m1 = machineTicks();
  const out: Record<string, number> = {};
  for (const [k, list] of Object.entries(pids)) {
    let used = 0;
    for (const p of list) {
      const now = procSample(p)?.cpuSeconds;
      if (now !== undefined) used += now - (before[k]!.get(p) ?? 0);
    }
    out[k] = Math.round((used / seconds) * 100) / 100;
  }
  const busyShare = (m1.busy - m0.busy) / Math.max(1, m1.total - m0.total);
  return {
    windowSeconds: Math.round(seconds * 10) / 10,
    machineBusyCores: Math.round(busyShare * cores * 100) / 100,
    machineCores: cores,
    cores: out,
  };
}
