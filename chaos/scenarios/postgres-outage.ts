// The private Postgres stopped (fast shutdown: connections cut) for 30 s (quick: 8 s) while telemetry flows and
// commands are in flight, then started again. Checks: the app does not crash and logs no unhandled rejection; every
// request answers within a bound during the outage (the slowest is recorded); /api/health shows the database down
// then ok; commands end final with the status the robots' executions call for; telemetry received during the outage
// is written after it (the broker stays up, so every gap in the robots' state headerIds is a message lost).
import { PROCEDURE_DEADLINE_MS } from '../../server/api/trpc';
import { readMapFile } from '../../server/services/site-map';
import { checkExecutions, resumeAll, startDriver, statusCounts, waitAllFinal } from '../lib/command-driver';
import { fetchProbe, startProbe, summarize, watchHealth } from '../lib/probes';
import { checkLedgerSettled, executionFigures } from '../lib/ledger-checks';
import { startOutageRig } from '../lib/outage-rig';
import type { Scenario } from '../lib/result';
import { runScenario, sleep } from '../lib/scenario-kit';
import { countStateSamples } from '../lib/telemetry-count';
import { call } from '../lib/trpc';

/**
 * Longest a request may wait for its answer during the outage (a 503 with a retry hint is an answer): the app's
 * request deadline, plus half a second for HTTP on a loaded 2-core machine (the deadline is measured in the app,
 * this bound at the client).
 */
const ANSWER_BOUND_MS = PROCEDURE_DEADLINE_MS + 500;
/** How long the robots hold back their reports around the moment the fault starts. */
const REPLY_DELAY_MS = 2000;
/** A request with no answer after this long is counted as unanswered. */
const GIVE_UP_MS = 45_000;

export const postgresOutage: Scenario = (opts) => {
  const p = opts.quick ? { robots: 10, outageMs: 8000, rate: 4 } : { robots: 20, outageMs: 30_000, rate: 8 };
  const tried = `private Postgres stopped for ${p.outageMs / 1000} s while ${p.robots} robots publish and commands flow at ${p.rate}/s, with pages, fleet.list and health probed throughout`;
  return runScenario('postgres-outage', tried, opts.quick ? 270_000 : 10 * 60_000, opts, async (k) => {
    const { pg, app, sim, robots, serialOf } = await startOutageRig(k, p.robots, opts.seed);
    const health = watchHealth(app.url, 250, GIVE_UP_MS);
    k.defer(async () => health.stop());
    const s = app.admin;
    const probes = {
      page: startProbe(1000, fetchProbe(`${app.url}/`, { headers: { cookie: s.cookie } }, GIVE_UP_MS)),
      fleetList: startProbe(500, () => call(s, 'query', 'fleet.list', undefined, GIVE_UP_MS)),
      commandsList: startProbe(1000, () => call(s, 'query', 'commands.list', { limit: 5 }, GIVE_UP_MS)),
    };
    k.defer(() => Promise.all(Object.values(probes).map((x) => x.stop())));
    const driver = startDriver({
      session: () => s,
      robots,
      rate: p.rate,
      seed: opts.seed,
      nodes: (await readMapFile()).nodes.map((n) => n.id),
      timeoutMs: GIVE_UP_MS,
    });
    k.defer(() => driver.stop());

    await sleep(3000);
    // Mid-command: every robot gets a stateRequest whose execution report is held back past the database's stop,
    // so the ledger must record 'succeeded' while (or after) Postgres is down.
    await sim.delay(REPLY_DELAY_MS);
    await driver.burst('stateRequest');
    const from = Date.now();
    await pg.stop();
    k.log(`stopped Postgres; ${driver.issued.length} commands sent so far`);
    await sleep(REPLY_DELAY_MS + 500);
    await sim.delay(0);
    await sleep(Math.max(0, p.outageMs - REPLY_DELAY_MS - 500));
    await pg.start();
    const to = Date.now();
    const recoveredMs = await health.waitOk('database', 60_000);
    k.check(recoveredMs !== null, '/api/health did not show the database ok within 60 s of its restart');
    await sleep(5000);
    const issued = await driver.stop();
    const probed = Object.fromEntries(await Promise.all(Object.entries(probes).map(async ([name, x]) => [name, await x.stop()] as const)));
    await resumeAll(s, robots, GIVE_UP_MS);
    const bound = 120_000;
    const { commands, settledMs, open } = await waitAllFinal(s, bound);
    const known = new Set(commands.map((c) => c.id));
    const lost = issued.filter((c) => c.id && !known.has(c.id));
    const simReport = await sim.stop();
    // The backlog of samples received during the outage drains: wait until history has no closed slice waiting.
    let drainMs: number | null = null;
    for (const t0 = Date.now(); Date.now() - t0 < 60_000; await sleep(250)) {
      const last = health.points[health.points.length - 1];
      if (last && last.at > t0 && Number(last.components.history?.bufferedSlices ?? 1) === 0) {
        drainMs = Date.now() - t0;
        break;
      }
    }
    health.stop();
    const telemetry = await countStateSamples(pg.url, []);
    const ex = simReport ? checkExecutions(commands, serialOf, simReport.executions) : null;
    const db = health.transition(from, 'database');
    const during = (x: { sent: number; slowestMs: number; noAnswer: number; byHttp: Record<string, number> }) =>
      `${x.sent} sent, slowest ${x.slowestMs} ms, ${x.noAnswer} unanswered, by HTTP ${JSON.stringify(x.byHttp)}`;
    const issueDuring = summarize(
      issued.map((c) => ({ at: c.at, http: c.http, ms: c.ms })),
      from,
      to,
    );
    const slowest = Math.max(
      issueDuring.slowestMs,
      ...Object.values(probed).map((x) => summarize(x, from, to).slowestMs),
      health.slowestMs(from, to),
    );
    const counts = app.counts();
    const history: Record<string, unknown> = health.points[health.points.length - 1]?.components.history ?? {};
    Object.assign(k.figures, {
      commandsSent: issued.length,
      commandsAccepted: issued.filter((c) => c.id).length,
      ...Object.fromEntries(Object.entries(statusCounts(commands)).map(([st, n]) => [`status.${st}`, n])),
      openAfterBound: open.length,
      settleMs: settledMs,
      slowestAnswerDuringOutageMs: slowest,
      'during.commandsIssue': during(issueDuring),
      ...Object.fromEntries(Object.entries(probed).map(([name, x]) => [`during.${name}`, during(summarize(x, from, to))])),
      healthDatabaseDown: db.badAt !== null ? `after ${db.badAt - from} ms (${db.badStatus})` : 'never seen',
      'health.duringOutage': JSON.stringify(health.statuses(from, to, 'database')),
      healthDatabaseOkAfterRestartMs: recoveredMs ?? 'never',
      backlogDrainedMs: drainMs ?? 'not within 60 s',
      samplesDropped: Number(history.dropped ?? 0),
      ...executionFigures(ex),
      stateSent: simReport?.published.state ?? 'n/a',
      stateStored: telemetry.stored,
      stateMissing: telemetry.missing,
      unhandledRejections: counts.unhandledRejections ?? 0,
      appLogMb: Math.round(((counts.logBytes ?? 0) / 2 ** 20) * 10) / 10,
    });
    k.check(!app.child.exited(), 'the app exited during the database outage');
    k.check((counts.unhandledRejections ?? 0) === 0, `${counts.unhandledRejections} unhandled rejections in the app's log`);
    k.check((counts.uncaughtExceptions ?? 0) === 0, `${counts.uncaughtExceptions} uncaught exceptions in the app's log`);
    k.check(slowest <= ANSWER_BOUND_MS, `a request waited ${slowest} ms for its answer during the outage (bound ${ANSWER_BOUND_MS} ms)`);
    for (const [name, x] of Object.entries({
      commandsIssue: issueDuring,
      ...Object.fromEntries(Object.entries(probed).map(([n, v]) => [n, summarize(v, from, to)])),
    })) {
      k.check(
        x.noAnswer === 0,
        `${name}: ${x.noAnswer} of ${x.sent} requests sent during the outage got no answer within ${GIVE_UP_MS / 1000} s`,
      );
    }
    k.check(db.badAt !== null, '/api/health never showed the database down during the outage');
    checkLedgerSettled(k, { lost, open, boundMs: bound, after: 'after the outage', simReported: simReport !== null, ex });
    k.check(drainMs !== null, 'the history backlog (closed slices waiting) did not drain within 60 s of the end');
    k.check(
      telemetry.missing === 0,
      `${telemetry.missing} state messages lost (the broker stayed up): ${[...telemetry.gapsOutside].slice(0, 3).join('; ')}`,
    );
  });
};
