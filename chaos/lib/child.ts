// A child process of a chaos scenario: its whole output goes to a log file (grep it after the run), while the
// scenario keeps only counters and the last lines in memory, so an app that logs megabytes a line cannot bloat us.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
const TAIL = 40;
const MAX_LINE = 2000;

export interface ChaosChild {
  proc: ChildProcess;
  name: string;
  logFile: string;
  /** Lines seen so far that matched each counted pattern. */
  counts(): Record<string, number>;
  /** Last lines (each cut to `maxLine` characters, default 2,000), for error messages. */
  tail(): string[];
  /** Bytes of output so far. */
  bytes(): number;
  waitFor(re: RegExp, timeoutMs: number): Promise<string>;
  /** Sends a signal and waits for the exit (SIGKILL after `graceMs`). */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<number | null>;
  exited(): boolean;
}

/** Runs `script` (TypeScript) with node --import tsx: one process, so its pid is the program itself (kill -9 hits it). */
export function startChild(o: {
  script: string;
  args?: string[];
  env: Record<string, string | undefined>;
  name: string;
  logFile: string;
  count?: Record<string, RegExp>;
  nodeFlags?: string[];
  stdin?: boolean;
  maxLine?: number;
}): ChaosChild {
  const maxLine = o.maxLine ?? MAX_LINE;
  const out = fs.createWriteStream(o.logFile, { flags: 'a' });
  const proc = spawn(process.execPath, [...(o.nodeFlags ?? []), '--import', 'tsx', o.script, ...(o.args ?? [])], {
    cwd: ROOT,
    env: { ...process.env, ...o.env } as NodeJS.ProcessEnv,
    stdio: [o.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
  });
  const counts: Record<string, number> = Object.fromEntries(Object.keys(o.count ?? {}).map((k) => [k, 0]));
  const tail: string[] = [];
  const waiters = new Set<{ re: RegExp; resolve: (l: string) => void }>();
  let bytes = 0;
  let partial = '';
  const onData = (buf: Buffer) => {
    bytes += buf.length;
    out.write(buf);
    const lines = (partial + buf.toString()).split('\n');
    partial = lines.pop()!.slice(0, maxLine);
    for (const full of lines) {
      const line = full.slice(0, maxLine);
      tail.push(line);
      if (tail.length > TAIL) tail.shift();
      for (const [k, re] of Object.entries(o.count ?? {})) if (re.test(line)) counts[k]!++;
      for (const w of waiters) if (w.re.test(line)) waiters.delete(w), w.resolve(line);
    }
  };
  proc.stdout!.on('data', onData);
  proc.stderr!.on('data', onData);
  const exit = new Promise<number | null>((r) => proc.once('exit', (code, sig) => (out.end(), r(code ?? (sig ? 128 : null)))));
  return {
    proc,
    name: o.name,
    logFile: o.logFile,
    counts: () => ({ ...counts }),
    tail: () => [...tail],
    bytes: () => bytes,
    exited: () => proc.exitCode !== null || proc.signalCode !== null,
    waitFor(re, timeoutMs) {
      return new Promise((resolve, reject) => {
        const w = { re, resolve: (l: string) => (clearTimeout(t), resolve(l)) };
        const t = setTimeout(
          () => (
            waiters.delete(w),
            reject(new Error(`${o.name}: no line matching ${re} within ${timeoutMs} ms; last output:\n${tail.slice(-10).join('\n')}`))
          ),
          timeoutMs,
        );
        waiters.add(w);
        void exit.then(
          (code) => (
            waiters.delete(w),
            clearTimeout(t),
            reject(new Error(`${o.name} exited (${code}) before printing ${re}; last output:\n${tail.slice(-10).join('\n')}`))
          ),
        );
      });
    },
    async stop(signal = 'SIGTERM', graceMs = 15_000) {
      if (proc.exitCode !== null || proc.signalCode !== null) return proc.exitCode;
      proc.kill(signal);
      const t = setTimeout(() => proc.kill('SIGKILL'), graceMs);
      const code = await exit;
      clearTimeout(t);
      return code;
    },
  };
}
