// The broker killed (SIGKILL: no clean disconnects) and restarted while commands are in flight. Checks: the app
// reconnects by itself, /api/health shows mqtt down then ok, every command reaches a final status, none runs twice,
// telemetry resumes. State messages published around the broker's death are lost by QoS 0 (counted, not failed);
// none may be lost while the broker is up.
import { readMapFile } from '../../server/services/site-map';
import { checkExecutions, onlineRobots, resumeAll, startDriver, statusCounts, waitAllFinal } from '../lib/command-driver';
import { watchHealth } from '../lib/probes';
import { checkLedgerSettled, executionFigures } from '../lib/ledger-checks';
import { startOutageRig } from '../lib/outage-rig';
import type { Scenario } from '../lib/result';
import { runScenario, sleep } from '../lib/scenario-kit';
import { countStateSamples } from '../lib/telemetry-count';

/** How long the robots hold back their reports around the broker's death. */
const REPLY_DELAY_MS = 1500;

export const brokerKill: Scenario = (opts) => {
  const p = opts.quick ? { robots: 10, kills: 1, downMs: 5000, rate: 6 } : { robots: 20, kills: 3, downMs: 15_000, rate: 10 };
  const tried = `private Mosquitto killed (SIGKILL) ${p.kills}× for ${p.downMs / 1000} s while ${p.robots} robots publish and commands flow at ${p.rate}/s`;
  return runScenario('broker-kill', tried, opts.quick ? 270_000 : 12 * 60_000, opts, async (k) => {
    const { pg, mq, app, sim, robots, serialOf } = await startOutageRig(k, p.robots, opts.seed);
    const health = watchHealth(app.url);
    k.defer(async () => health.stop());
    const driver = startDriver({
      session: () => app.admin,
      robots,
      rate: p.rate,
      seed: opts.seed,
      nodes: (await readMapFile()).nodes.map((n) => n.id),
      timeoutMs: 30_000,
    });
    k.defer(() => driver.stop());
    const outages: { from: number; to: number }[] = [];
    const reconnectMs: number[] = [];
    let sawDown = 0;
    for (let i = 0; i < p.kills; i++) {
      await sleep(3000 + ((opts.seed * 7919 + i * 1237) % 2000));
      // Mid-command: every robot gets a stateRequest and runs it, but its report is held back until the broker is dead.
      await sim.delay(REPLY_DELAY_MS);
      await driver.burst('stateRequest');
      const from = Date.now();
      await mq.kill();
      k.log(`killed the broker (${i + 1}/${p.kills}); ${driver.issued.length} commands sent so far`);
      await sleep(REPLY_DELAY_MS + 500);
      await sim.delay(0);
      await sleep(Math.max(0, p.downMs - REPLY_DELAY_MS - 500));
      await mq.start();
      const t = Date.now();
      const ms = await health.waitOk('mqtt', 60_000);
      k.check(ms !== null, `the app did not report mqtt ok within 60 s of the broker's restart (${i + 1}/${p.kills})`);
      reconnectMs.push(ms ?? 60_000);
      outages.push({ from, to: t + (ms ?? 0) });
      if (health.transition(from, 'mqtt').badAt !== null) sawDown++;
      await onlineRobots(app.admin, p.robots, 60_000).catch((err: Error) => k.check(false, err.message));
      await sleep(3000);
    }
    const issued = await driver.stop();
    await resumeAll(app.admin, robots, 30_000);
    const bound = 120_000;
    const { commands, settledMs, open } = await waitAllFinal(app.admin, bound);
    const known = new Set(commands.map((c) => c.id));
    const lost = issued.filter((c) => c.id && !known.has(c.id));
    const simReport = await sim.stop();
    await sleep(1500);
    health.stop();
    const telemetry = await countStateSamples(pg.url, outages);
    const ex = simReport ? checkExecutions(commands, serialOf, simReport.executions) : null;
    const counts = app.counts();
    Object.assign(k.figures, {
      commandsSent: issued.length,
      commandsAccepted: issued.filter((c) => c.id).length,
      ...Object.fromEntries(Object.entries(statusCounts(commands)).map(([s, n]) => [`status.${s}`, n])),
      openAfterBound: open.length,
      settleMs: settledMs,
      healthMqttDownSeen: `${sawDown}/${p.kills}`,
      reconnectMsMax: Math.max(...reconnectMs),
      healthSlowestMs: health.slowestMs(),
      ...executionFigures(ex),
      stateSent: simReport?.published.state ?? 'n/a',
      stateStored: telemetry.stored,
      stateMissingAroundKill: telemetry.missingInOutages,
      stateMissingOtherwise: telemetry.missingOutside,
      stateStoredAfterRestart: telemetry.storedAfterOutages,
      unhandledRejections: counts.unhandledRejections ?? 0,
      appExited: app.child.exited() ? 1 : 0,
    });
    k.check(!app.child.exited(), 'the app exited during the broker outage');
    k.check(sawDown === p.kills, `/api/health showed mqtt down in ${sawDown} of ${p.kills} broker outages`);
    checkLedgerSettled(k, { lost, open, boundMs: bound, after: 'after the broker came back', simReported: simReport !== null, ex });
    k.check(
      telemetry.missingOutside === 0,
      `${telemetry.missingOutside} state messages lost while the broker was up: ${telemetry.gapsOutside.slice(0, 3).join('; ')}`,
    );
    k.check(telemetry.storedAfterOutages > 0, 'no state message stored after the broker came back');
    k.check((counts.unhandledRejections ?? 0) === 0, `${counts.unhandledRejections} unhandled rejections in the app's log`);
  });
};
