// The frame every process-level scenario runs in: a deadline for the whole run, cleanups that run even when the
// scenario fails or runs out of time (newest first), checks that collect failures instead of stopping at the first.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ScenarioOptions, ScenarioResult } from './result';

export interface ScenarioKit {
  /** A temp directory of the run's own (app data, logs); kept when the run fails, for reading the logs. */
  dir: string;
  figures: ScenarioResult['figures'];
  /** Records a failure unless `ok`. */
  check(ok: boolean, failure: string): void;
  /** Runs at the end, even on failure or timeout. */
  defer(cleanup: () => Promise<unknown>): void;
  log: (line: string) => void;
}

export async function runScenario(
  name: string,
  tried: string,
  deadlineMs: number,
  opts: ScenarioOptions,
  body: (k: ScenarioKit) => Promise<void>,
): Promise<ScenarioResult> {
  const t0 = Date.now();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `chaos-${name}-`));
  const failures: string[] = [];
  const cleanups: (() => Promise<unknown>)[] = [];
  const kit: ScenarioKit = {
    dir,
    figures: {},
    check: (ok, failure) => void (ok || failures.push(failure)),
    defer: (c) => void cleanups.push(c),
    log: (line) => opts.log(`[${name}] ${line}`),
  };
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      body(kit),
      new Promise(
        (_, reject) => (timer = setTimeout(() => reject(new Error(`deadline of ${Math.round(deadlineMs / 1000)} s passed`)), deadlineMs)),
      ),
    ]);
  } catch (err) {
    failures.push(`aborted: ${(err as Error).message.split('\n').slice(0, 6).join(' | ')}`);
  } finally {
    clearTimeout(timer);
    for (const c of cleanups.reverse()) await c().catch((err: unknown) => kit.log(`cleanup failed: ${(err as Error).message}`));
  }
  if (failures.length === 0) fs.rmSync(dir, { recursive: true, force: true });
  else kit.log(`logs kept in ${dir}`);
  return { name, tried, survived: failures.length === 0, figures: kit.figures, failures, durationMs: Date.now() - t0 };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
