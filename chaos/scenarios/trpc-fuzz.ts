// trpc-fuzz: signed in as the first admin, every query and mutation of the router gets generated inputs over real
// HTTP (arbitrary JSON, mutations of a valid example, the example), plus envelope attacks: malformed bodies, crafted
// superjson meta, large batches, big bodies, anonymous calls. No answer may be a 500 or take longer than the bound,
// and the app must stay up, leak no rejection and keep its memory and /api/health bounded.
import fc from 'fast-check';
import { appChecks, watchHealth } from '../lib/app-checks';
import { deepNesting, hostileValue, toJson } from '../lib/hostile';
import { startProbedApp } from '../lib/probed-app';
import type { Scenario } from '../lib/result';
import { runScenario } from '../lib/scenario-kit';
import { inputFor, procedures, type ProcedureInfo } from '../lib/trpc-inputs';
import { call } from '../lib/trpc';

/** Answers slower than this fail the check (a request waiting on the database under a fuzzing load included). */
const MAX_MS = 5000;
/** 500s the app documents as expected: none. */
const ALLOWED_500: string[] = [];

interface Req {
  label: string;
  method: 'GET' | 'POST';
  path: string;
  body?: string;
  anonymous?: boolean;
}

const envelope = (input: unknown) => `{"json":${toJson(input === undefined ? null : input)}}`;

function requestFor(p: ProcedureInfo, input: unknown): Req {
  if (p.type === 'query') return { label: p.path, method: 'GET', path: `${p.path}?input=${encodeURIComponent(envelope(input))}` };
  return { label: p.path, method: 'POST', path: p.path, body: envelope(input) };
}

/** Attacks on the envelope rather than the input. */
function envelopeAttack(procs: ProcedureInfo[]): fc.Arbitrary<Req> {
  const mutation = fc.constantFrom(...procs.filter((p) => p.type === 'mutation'));
  const query = fc.constantFrom(...procs.filter((p) => p.type === 'query'));
  return fc.oneof(
    fc
      .tuple(mutation, fc.uint8Array({ maxLength: 2048 }))
      .map(([p, b]) => ({ label: `${p.path} (bytes)`, method: 'POST' as const, path: p.path, body: Buffer.from(b).toString('latin1') })),
    fc.tuple(mutation, hostileValue, fc.oneof(hostileValue, deepNesting)).map(([p, json, meta]) => ({
      label: `${p.path} (superjson meta)`,
      method: 'POST' as const,
      path: p.path,
      body: `{"json":${toJson(json)},"meta":{"values":${toJson(meta)}}}`,
    })),
    fc.tuple(query, fc.integer({ min: 2, max: 600 })).map(([p, n]) => ({
      label: `${p.path} ×${n} (batch)`,
      method: 'GET' as const,
      path: `${Array(n).fill(p.path).join(',')}?batch=1&input=${encodeURIComponent(JSON.stringify(Object.fromEntries(Array.from({ length: n }, (_, i) => [i, { json: p.example ?? null }]))))}`,
    })),
    fc.tuple(mutation, fc.integer({ min: 1, max: 4 }), fc.boolean()).map(([p, mb, anonymous]) => ({
      label: `${p.path} (${mb} MB${anonymous ? ', anonymous' : ''})`,
      method: 'POST' as const,
      path: p.path,
      anonymous,
      body: `{"json":{"params":"${'x'.repeat(mb * 2 ** 20)}"}}`,
    })),
  );
}

export const trpcFuzz: Scenario = (opts) => {
  const { quick, seed } = opts;
  const total = quick ? 400 : 4000;
  const tried = `${total} generated tRPC calls (seed ${seed}) as admin over HTTP to every query and mutation: arbitrary JSON, mutated valid inputs, 1 in 10 an envelope attack (bytes, superjson meta, batches up to 600, bodies up to 4 MB); bound ${MAX_MS} ms, no 500`;
  return runScenario('trpc-fuzz', tried, quick ? 240_000 : 900_000, opts, async (k) => {
    const app = await startProbedApp(k.dir);
    k.defer(() => app.cleanup());
    const procs = procedures();
    const call_ = fc.oneof(
      { weight: 9, arbitrary: fc.constantFrom(...procs).chain((p) => inputFor(p).map((input) => requestFor(p, input))) },
      { weight: 1, arbitrary: envelopeAttack(procs) },
    );
    const reqs = fc.sample(call_, { seed, numRuns: total });
    const rssStart = await app.markStart();
    const health = watchHealth(app.url);
    const statuses: Record<string, number> = {};
    const errors500 = new Map<string, string>();
    const slow: string[] = [];
    let maxMs = 0;
    let next = 0;
    const worker = async () => {
      while (next < reqs.length && !app.child.exited()) {
        const r = reqs[next++]!;
        const t0 = performance.now();
        let status = 'timeout';
        let text = '';
        try {
          const res = await fetch(`${app.url}/api/trpc/${r.path}`, {
            method: r.method,
            headers: {
              ...(r.anonymous ? {} : { cookie: app.admin.cookie }),
              ...(r.method === 'POST' && { 'content-type': 'application/json', origin: app.url }),
            },
            ...(r.body !== undefined && { body: r.body }),
            signal: AbortSignal.timeout(15_000),
          });
          status = String(res.status);
          text = await res.text();
        } catch (err) {
          // A timeout is a hang; a reset after the server refused a big body early (401/413 before reading it) is not.
          const e = err as Error & { cause?: { code?: string } };
          status = e.name === 'TimeoutError' ? 'timeout' : `reset`;
          text = `${e.message} ${e.cause?.code ?? ''}`;
        }
        const ms = performance.now() - t0;
        maxMs = Math.max(maxMs, ms);
        statuses[status] = (statuses[status] ?? 0) + 1;
        if (ms > MAX_MS) slow.push(`${r.label}: ${Math.round(ms)} ms (${status})`);
        const hang = status === 'timeout' || (status === 'reset' && (r.body?.length ?? 0) < 64 * 1024);
        if ((status === '500' || hang) && !ALLOWED_500.includes(r.label))
          errors500.set(`${r.label} → ${status}`, `${(r.body ?? decodeURIComponent(r.path)).slice(0, 600)} → ${text.slice(0, 160)}`);
      }
    };
    await Promise.all(Array.from({ length: 4 }, worker));
    const h = await health.stop();
    health.report(k);
    const me = await call<{ role: string } | null>(app.admin, 'query', 'auth.me', undefined, 10_000);
    Object.assign(k.figures, {
      calls: next,
      procedures: procs.length,
      maxMs: Math.round(maxMs),
      statuses: Object.entries(statuses)
        .map(([s, n]) => `${s}:${n}`)
        .join(' '),
      distinct500s: errors500.size,
      healthStatus: h.lastStatus,
    });
    for (const [what, sample] of [...errors500].slice(0, 8)) k.check(false, `${what}: ${sample}`);
    k.check(errors500.size <= 8, `${errors500.size - 8} more distinct 500s / unanswered calls`);
    k.check(slow.length === 0, `${slow.length} answers slower than ${MAX_MS} ms, e.g. ${slow.slice(0, 3).join('; ')}`);
    k.check(me.ok && me.data?.role === 'admin', `the admin's session no longer works after the fuzz: ${me.http} ${me.error ?? ''}`);
    appChecks(k, app, rssStart);
  });
};
