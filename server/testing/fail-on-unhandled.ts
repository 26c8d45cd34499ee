// Vitest setup (both projects): a promise rejection that nobody handled fails the test it happened in. Vitest
// itself reports such errors after the run without naming a test (and `dangerouslyIgnoreUnhandledErrors` stays
// false in vitest.config.ts); this names the test, so the cause can be found. Apps started as child processes log
// "unhandled promise rejection" instead (server/index.ts); tests that start one check its output.
import { afterAll, afterEach } from 'vitest';

const KEY = Symbol.for('fleetscope.unhandledRejections');
type Holder = { [KEY]?: unknown[] };
const holder = globalThis as Holder;
if (!holder[KEY]) {
  const seen: unknown[] = (holder[KEY] = []);
  process.on('unhandledRejection', (reason) => void seen.push(reason));
}
const seen = holder[KEY];

const describeReason = (r: unknown) =>
  r instanceof Error ? `${r.name}: ${r.message}\n${r.stack?.split('\n').slice(1, 6).join('\n') ?? ''}` : String(r);

function failOnUnhandled() {
  if (seen.length === 0) return;
  const reasons = seen.splice(0);
  throw new Error(
    `${reasons.length} unhandled promise rejection(s) — every promise must be awaited or caught:\n${reasons.map(describeReason).join('\n')}`,
  );
}

afterEach(failOnUnhandled);
afterAll(failOnUnhandled);
