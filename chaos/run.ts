// npm run chaos [-- --quick] [-- --seed N] [-- --only mqtt-fuzz,trpc-fuzz]
// Runs each scenario (chaos/scenarios/index.ts) in a process of its own, with a hard deadline (its process group is
// killed, the app it started included), prints a table and writes chaos/results/chaos.json (chaos-quick.json for
// --quick). Exits 1 when any scenario did not survive. DATABASE_URL / MQTT_URL set: the app runs on them.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { table } from '../bench/lib/report';
import { machineInfo } from '../bench/lib/machine';
import { ROOT } from './lib/child';
import type { ScenarioResult } from './lib/result';
import { scenarios } from './scenarios/index';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    seed: { type: 'string', default: '1' },
    only: { type: 'string' },
    'deadline-s': { type: 'string' },
  },
});
const quick = values.quick;
const seed = Number(values.seed);
const names = values.only ? values.only.split(',') : Object.keys(scenarios);
const unknown = names.filter((n) => !scenarios[n]);
if (unknown.length > 0 || !Number.isSafeInteger(seed)) {
  console.error(`unknown scenario ${unknown.join(', ')} (known: ${Object.keys(scenarios).join(', ')}) or bad --seed`);
  process.exit(2);
}
/** Scenarios keep their own, shorter deadlines; this one catches a run that hangs anyway. */
const deadlineMs = Number(values['deadline-s'] ?? (quick ? 300 : 1800)) * 1000;
const mode =
  process.env.DATABASE_URL || process.env.MQTT_URL
    ? `${process.env.DATABASE_URL ? 'postgres' : 'pglite'}+${process.env.MQTT_URL ? 'external broker' : 'embedded broker'}`
    : 'embedded';
/** CHAOS_APP_DEV=1 (app-process.ts): Next in dev mode, for working without a current build; not the product's figures. */
const appMode = process.env.CHAOS_APP_DEV === '1' ? 'next dev (not the product figures)' : 'production build';
const running = new Set<number>();
const killGroup = (pid: number) => {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    /* already gone */
  }
};
process.on('SIGINT', () => {
  for (const pid of running) killGroup(pid);
  process.exit(130);
});

function runOne(name: string): Promise<ScenarioResult> {
  const t0 = Date.now();
  const args = ['--import', 'tsx', 'chaos/lib/run-one.ts', name, '--seed', String(seed), ...(quick ? ['--quick'] : [])];
  // Its own process group: at the deadline the scenario and everything it started go together.
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  running.add(child.pid!);
  const tail: string[] = [];
  let result: ScenarioResult | null = null;
  const onLine = (line: string) => {
    if (line.startsWith('CHAOS_RESULT ')) return void (result = JSON.parse(line.slice(13)) as ScenarioResult);
    console.log(`  ${line.slice(0, 400)}`);
    tail.push(line.slice(0, 400));
    if (tail.length > 10) tail.shift();
  };
  let partial = '';
  const onData = (b: Buffer) => {
    const lines = (partial + b.toString()).split('\n');
    partial = lines.pop()!;
    lines.forEach(onLine);
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  return new Promise((resolve) => {
    let timedOut = false;
    const timer = setTimeout(() => ((timedOut = true), killGroup(child.pid!)), deadlineMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      running.delete(child.pid!);
      killGroup(child.pid!); // anything it left running
      if (result) return resolve(result);
      const why = timedOut
        ? `did not finish within ${deadlineMs / 1000} s (killed)`
        : `the scenario process exited (${code ?? signal}) without a result`;
      resolve({
        name,
        tried: '(did not finish)',
        survived: false,
        figures: {},
        failures: [`${why}; last output: ${tail.slice(-3).join(' | ')}`],
        durationMs: Date.now() - t0,
      });
    });
  });
}

const machine = machineInfo();
const startedAt = new Date().toISOString();
console.log(`fleetscope chaos${quick ? ' (quick)' : ''}, seed ${seed}, ${mode}, ${appMode}: ${names.join(', ')}`);
const results: ScenarioResult[] = [];
for (const name of names) {
  console.log(`\n${name} …`);
  results.push(await runOne(name));
}

const compact = (f: ScenarioResult['figures']) =>
  Object.entries(f)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
table(
  `chaos${quick ? ' (quick)' : ''}: seed ${seed}, ${mode}, ${appMode}`,
  results.map((r) => ({
    scenario: r.name,
    survived: r.survived ? 'yes' : 'NO',
    seconds: Math.round(r.durationMs / 1000),
    failures: r.failures.length,
  })),
);
for (const r of results) {
  console.log(`\n${r.name}: ${r.tried}\n  ${compact(r.figures)}`);
  for (const f of r.failures) console.log(`  ✗ ${f}`);
}
const dir = path.join(ROOT, 'chaos', 'results');
fs.mkdirSync(dir, { recursive: true });
const file = path.join(dir, `chaos${quick ? '-quick' : ''}.json`);
fs.writeFileSync(file, `${JSON.stringify({ startedAt, quick, seed, mode, appMode, machine, results }, null, 2)}\n`);
console.log(`\nwrote ${path.relative(ROOT, file)}`);
process.exit(results.every((r) => r.survived) ? 0 : 1);
