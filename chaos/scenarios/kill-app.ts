// kill -9 of the app mid-stream and mid-command, restarted on the same database, while the robots (a separate
// process, on a private Mosquitto) keep publishing. Checks: every accepted command is in the ledger and final within
// a bound, none executed twice, and no state message lost while the app was up. Messages published while the app is
// down are NOT guaranteed: robots publish state at QoS 0 and the app subscribes with a clean session, so the broker
// keeps nothing for it; those are counted (missingInOutages), not failed.
import { readMapFile } from '../../server/services/site-map';
import { checkExecutions, resumeAll, startDriver, statusCounts, waitAllFinal } from '../lib/command-driver';
import { checkLedgerSettled, executionFigures } from '../lib/ledger-checks';
import { startOutageRig } from '../lib/outage-rig';
import type { Scenario } from '../lib/result';
import { runScenario, sleep } from '../lib/scenario-kit';
import { SLICE_SPAN_MS, SLICE_TIER } from '../../server/domain/history/slice';
import { countStateSamples } from '../lib/telemetry-count';

/** How long the robots hold back their reports around the kill. */
const REPLY_DELAY_MS = 1500;

export const killApp: Scenario = (opts) => {
  const p = opts.quick ? { robots: 10, kills: 1, downMs: 5000, rate: 6 } : { robots: 20, kills: 3, downMs: 10_000, rate: 10 };
  const tried = `kill -9 of the app ${p.kills}× while ${p.robots} robots (separate process, private Mosquitto) publish and commands flow at ${p.rate}/s; down ${p.downMs / 1000} s each time, restarted on the same Postgres`;
  return runScenario('kill-app', tried, opts.quick ? 270_000 : 12 * 60_000, opts, async (k) => {
    const { pg, app, sim, robots, serialOf } = await startOutageRig(k, p.robots, opts.seed);
    const nodes = (await readMapFile()).nodes.map((n) => n.id);
    const driver = startDriver({ session: () => app.admin, robots, rate: p.rate, seed: opts.seed, nodes, timeoutMs: 30_000 });
    k.defer(() => driver.stop());
    const outages: { from: number; to: number }[] = [];
    const restartMs: number[] = [];
    for (let i = 0; i < p.kills; i++) {
      await sleep(3000 + ((opts.seed * 7919 + i * 1237) % 2000)); // a different moment in the command stream each time
      // Mid-command: every robot gets a stateRequest and runs it, but its report is held back until the app is dead.
      await sim.delay(REPLY_DELAY_MS);
      await driver.burst('stateRequest');
      const from = Date.now();
      await app.kill9();
      k.log(`killed the app (${i + 1}/${p.kills}); ${driver.issued.length} commands sent so far`);
      await sleep(REPLY_DELAY_MS + 500);
      await sim.delay(0);
      await sleep(Math.max(0, p.downMs - REPLY_DELAY_MS - 500));
      const t = Date.now();
      await app.start();
      restartMs.push(Date.now() - t);
      outages.push({ from, to: Date.now() });
      await sleep(3000);
    }
    const issued = await driver.stop();
    await resumeAll(app.admin, robots, 30_000);
    const accepted = issued.filter((c) => c.id);
    const bound = 120_000;
    const { commands, settledMs, open } = await waitAllFinal(app.admin, bound);
    const known = new Set(commands.map((c) => c.id));
    const lost = accepted.filter((c) => !known.has(c.id!));
    const simReport = await sim.stop();
    // A graceful stop writes every open history slice (a raw slice is stored when it closes, up to 30 s later).
    await app.stop();
    // kill -9 loses what the app held in memory: the open raw slice of each robot, up to its span before the kill
    // (docs/history.md, "Not kept"). Those samples count as lost in the outage, not while the app was up.
    const crashWindows = outages.map((o) => ({ from: o.from - SLICE_SPAN_MS[SLICE_TIER.raw], to: o.to }));
    const telemetry = await countStateSamples(pg.url, crashWindows);
    const ex = simReport ? checkExecutions(commands, serialOf, simReport.executions) : null;
    const counts = app.counts();
    Object.assign(k.figures, {
      commandsSent: issued.length,
      commandsAccepted: accepted.length,
      commandsRefused: issued.length - accepted.length,
      ...Object.fromEntries(Object.entries(statusCounts(commands)).map(([s, n]) => [`status.${s}`, n])),
      openAfterBound: open.length,
      settleMs: settledMs,
      restartMsMax: Math.max(...restartMs),
      ...executionFigures(ex),
      stateSent: simReport?.published.state ?? 'n/a',
      stateStored: telemetry.stored,
      stateMissingWhileDown: telemetry.missingInOutages,
      stateMissingWhileUp: telemetry.missingOutside,
      stateStoredAfterRestart: telemetry.storedAfterOutages,
      unhandledRejections: counts.unhandledRejections ?? 0,
      uncaughtExceptions: counts.uncaughtExceptions ?? 0,
      appLogMb: Math.round(((counts.logBytes ?? 0) / 2 ** 20) * 10) / 10,
    });
    checkLedgerSettled(k, { lost, open, boundMs: bound, after: 'after the last restart', simReported: simReport !== null, ex });
    k.check(
      telemetry.missingOutside === 0,
      `${telemetry.missingOutside} state messages lost while the app was up: ${telemetry.gapsOutside.slice(0, 3).join('; ')}`,
    );
    k.check(telemetry.storedAfterOutages > 0, 'no state message stored after the last restart');
    k.check((counts.unhandledRejections ?? 0) === 0, `${counts.unhandledRejections} unhandled rejections in the app's log`);
    k.check((counts.uncaughtExceptions ?? 0) === 0, `${counts.uncaughtExceptions} uncaught exceptions in the app's log`);
  });
};
