// Child processes for benchmarks: start, wait for a line, sample CPU and RSS from /proc, stop.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
const CLK_TCK = 100;
/**
 * `npm start` as package.json has it: its environment assignments and the Node flags tsx passes on, read from the
 * start script so every app the bench starts follows a change there. Today a 64 MB young generation: at fleet scale
 * most garbage (parsed messages, envelopes, rows waiting ~100 ms for their batch) lives just long enough to survive
 * V8's default 16 MB young generation and be copied or promoted; at 64 MB it dies young. Measured in-process at 1,000
 * robots: GC 8.3 → 3.3 µs per message, app CPU 46 → 36 µs (medians of 6).
 */
export const NPM_START = readNpmStart();

/** `[NAME=value …] tsx [--flag …] server/index.ts`: anything else stops the bench rather than silently differ. */
function readNpmStart(): { env: Record<string, string>; nodeFlags: string[] } {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  const script = pkg.scripts?.start ?? '';
  const words = script.split(/\s+/).filter(Boolean);
  const env: Record<string, string> = {};
  let i = 0;
  for (; i < words.length && /^[A-Za-z_]\w*=/.test(words[i]!); i++) {
    const eq = words[i]!.indexOf('=');
    env[words[i]!.slice(0, eq)] = words[i]!.slice(eq + 1);
  }
  const end = words.indexOf('server/index.ts');
  const nodeFlags = words.slice(i + 1, end);
  if (words[i] !== 'tsx' || end < 0 || nodeFlags.some((w) => !w.startsWith('--')))
    throw new Error(`bench: package.json's start script is not "[NAME=value …] tsx [--flag …] server/index.ts": ${script}`);
  return { env, nodeFlags };
}

export interface Child {
  proc: ChildProcess;
  output: string[];
  waitFor(re: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<number | null>;
}

/**
 * `appFlags`: run with the Node flags of `npm start` (server/index.ts always runs with them and with its environment,
 * which `env` overrides); `echo`: print every line as `[name] line`.
 */
export function startTs(
  script: string,
  args: string[],
  env: Record<string, string | undefined>,
  name: string,
  opts: { stdin?: boolean; appFlags?: boolean; echo?: boolean } = {},
): Child {
  // node --import tsx (not the tsx binary, which forks a second process) so the PID measured is the one at work.
  // BENCH_APP_PROF=<dir>: the app writes a V8 CPU profile there when it stops (open it in Chrome DevTools).
  const app = script === 'server/index.ts';
  const prof = process.env.BENCH_APP_PROF && app ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_APP_PROF}`] : [];
  // The app runs with the Node flags of `npm start` (package.json): a 64 MB young generation.
  const v8 = app || opts.appFlags ? NPM_START.nodeFlags : [];
  const proc = spawn(process.execPath, [...v8, ...prof, '--import', 'tsx', script, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...(app ? NPM_START.env : {}), ...env } as NodeJS.ProcessEnv,
    stdio: [opts.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const waiters: { re: RegExp; resolve: (m: RegExpMatchArray) => void }[] = [];
  const onData = (buf: Buffer) => {
    for (const line of buf.toString().split('\n')) {
      if (!line) continue;
      output.push(line);
      if (output.length > 5000) output.shift();
      if (opts.echo || process.env.BENCH_VERBOSE) console.log(`[${name}] ${line}`);
      for (const w of [...waiters]) {
        const m = line.match(w.re);
        if (m) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(m);
        }
      }
    }
  };
  proc.stdout!.on('data', onData);
  proc.stderr!.on('data', onData);
  const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
  return {
    proc,
    output,
    waitFor(re, timeoutMs = 180_000) {
      const found = output.map((l) => l.match(re)).find(Boolean);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const t = setTimeout(
          () => reject(new Error(`${name}: no line matching ${re} within ${timeoutMs} ms; last output:\n${output.slice(-15).join('\n')}`)),
          timeoutMs,
        );
        waiters.push({ re, resolve: (m) => (clearTimeout(t), resolve(m)) });
        void exited.then((code) =>
          reject(new Error(`${name} exited (${code}) before printing ${re}; last output:\n${output.slice(-15).join('\n')}`)),
        );
      });
    },
    async stop(signal = 'SIGTERM', timeoutMs = 20_000) {
      if (proc.exitCode !== null) return proc.exitCode;
      proc.kill(signal);
      const t = setTimeout(() => proc.kill('SIGKILL'), timeoutMs);
      const code = await exited;
      clearTimeout(t);
      return code;
    },
  };
}

/** CPU seconds (user+system) and RSS of a process and its children threads, from /proc. */
export function procSample(pid: number): { cpuSeconds: number; rssMb: number } | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    const rssPages = Number(fields[21]);
    return { cpuSeconds: (utime + stime) / CLK_TCK, rssMb: (rssPages * 4096) / 2 ** 20 };
  } catch {
    return null;
  }
}

/** Samples a process every `everyMs` until stopped: CPU share over the window and peak RSS. */
export function watchProcess(pid: number, everyMs = 250) {
  const first = procSample(pid);
  const t0 = performance.now();
  let peakRss = first?.rssMb ?? 0;
  let last = first;
  const timer = setInterval(() => {
    const s = procSample(pid);
    if (!s) return;
    last = s;
    peakRss = Math.max(peakRss, s.rssMb);
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      const seconds = (performance.now() - t0) / 1000;
      const cpu = first && last ? (last.cpuSeconds - first.cpuSeconds) / seconds : 0;
      const cpuSeconds = first && last ? last.cpuSeconds - first.cpuSeconds : 0;
      return { cpuCores: Math.round(cpu * 100) / 100, cpuSeconds, peakRssMb: Math.round(peakRss) };
    },
  };
}

export async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url} → HTTP ${res.status}`);
  return (await res.json()) as T;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
