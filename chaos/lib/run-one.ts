// Runs one scenario in a process of its own (started by chaos/run.ts) and prints its result as one line
// `CHAOS_RESULT {json}`. A scenario that throws, or an unhandled rejection in the scenario's own code, is a failure
// of the run, reported the same way.
import { parseArgs } from 'node:util';
import { scenarios } from '../scenarios/index';
import type { ScenarioResult } from './result';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { quick: { type: 'boolean', default: false }, seed: { type: 'string', default: '1' } },
});
const name = positionals[0] ?? '';
const harnessRejections: string[] = [];
process.on('unhandledRejection', (reason) => void harnessRejections.push(String((reason as Error)?.message ?? reason).slice(0, 300)));

const t0 = performance.now();
let result: ScenarioResult;
try {
  const load = scenarios[name];
  if (!load) throw new Error(`no scenario named ${name}`);
  const scenario = await load();
  result = await scenario({ quick: values.quick, seed: Number(values.seed), log: (line) => console.log(line) });
} catch (err) {
  const e = err as Error;
  result = {
    name,
    tried: '(did not finish)',
    survived: false,
    figures: {},
    failures: [`scenario error: ${e.stack?.split('\n').slice(0, 4).join(' | ') ?? e.message}`],
    durationMs: Math.round(performance.now() - t0),
  };
}
if (harnessRejections.length > 0) {
  result.survived = false;
  result.failures.push(`${harnessRejections.length} unhandled rejection(s) in the chaos harness itself; first: ${harnessRejections[0]}`);
}
console.log(`CHAOS_RESULT ${JSON.stringify(result)}`);
process.exit(0);
