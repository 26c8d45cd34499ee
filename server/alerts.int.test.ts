// Alerts on the real path: simulated robots over MQTT → gateway → bus → live state → alert engine → center →
// database, with the simulator's fault injection. What an operator would notice: a frozen robot raises a stuck alert
// within the rule's duration + 5 s, a dead one an offline alert, an emergency stop a critical one; each resolves by
// itself once the fault is cleared, and a flapping condition stays one alert with its flaps counted.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAlertStore } from './adapters/storage/alert-store';
import { createApp, type App } from './app';
import type { AlertView } from './domain/alerts/alert';
import type { AlertRuleId } from './domain/alerts/rule-catalogue';
import { startFleet, type SimFleet } from './sim/fleet';
import { robotLogin } from './testing/mqtt-credentials';
import { testConfig, testLogger, waitFor } from './testing/test-env';

let app: App;
let fleet: SimFleet;
let cleanup: () => Promise<void>;
const admin = { name: 'admin@test.local' };
const QUIET = { pausesPerMin: 0, warningsPerMin: 0, fatalsPerMin: 0 };

beforeAll(async () => {
  const t = await testConfig({ ALERT_EVAL_MS: '250' });
  cleanup = t.cleanup;
  app = await createApp(t.config, {
    logger: testLogger,
    protocol: { liveness: { staleAfterMs: 1_000, offlineAfterMs: 2_000, tickMs: 200 }, factsheetGraceMs: 200 },
  });
  fleet = await startFleet({
    brokerUrl: app.brokerUrl,
    clientOptions: await robotLogin(app, 'SimRobotics'),
    iface: t.config.VDA_INTERFACE,
    robots: 4,
    hz: 5,
    seed: 3,
    map: app.map,
    autonomous: 'always',
    behaviour: QUIET,
  });
  await fleet.ready;
  await waitFor('robots online', () => app.store.list().filter((r) => r.connection === 'ONLINE' && r.pose).length === 4, 20_000);
}, 60_000);

afterAll(async () => {
  await fleet?.stop();
  await app?.stop();
  await cleanup?.();
});

const alertOf = (rule: AlertRuleId, robotId: number): AlertView | undefined =>
  app.alerts.unresolved().find((a) => a.ruleId === rule && a.robotId === robotId);
const robotId = (serial: string) => app.store.list().find((r) => r.serialNumber === serial)!.id;

describe('alerts from injected faults', () => {
  it('a frozen robot raises a stuck alert within forSec + 5 s, which resolves by itself when it moves again', async () => {
    await app.alerts.updateRule({ id: 'robot.stuck', forSec: 3, clearSec: 2 }, admin);
    const driving = await waitFor(
      'a driving robot',
      () => app.store.list().find((r) => r.driving && r.serialNumber === 'SIM-0001'),
      30_000,
    );
    fleet.injectFault(driving.serialNumber, { kind: 'freeze' });
    const frozenAt = Date.now();
    const alert = await waitFor('stuck alert', () => alertOf('robot.stuck', driving.id), 3_000 + 5_000, 100);
    expect(Date.now() - frozenAt).toBeGreaterThanOrEqual(2_500);
    expect(alert).toMatchObject({ state: 'open', severity: 'warning', active: true });
    expect(alert.title).toContain('SIM-0001');
    fleet.clearFault(driving.serialNumber, 'freeze');
    await waitFor('stuck alert resolved', () => !alertOf('robot.stuck', driving.id), 15_000, 100);
    const [stored] = await app.alerts.list({ rule: 'robot.stuck', robotId: driving.id, state: 'resolved', limit: 5 });
    expect(stored).toMatchObject({ id: alert.id, state: 'resolved', resolvedBy: 'auto' });
  }, 60_000);

  it('an emergency stop raises a critical alert at once, and clearing it resolves the alert', async () => {
    const id = robotId('SIM-0002');
    fleet.injectFault('SIM-0002', { kind: 'emergencyStop' });
    const alert = await waitFor('e-stop alert', () => alertOf('robot.emergency_stop', id), 5_000, 100);
    expect(alert.severity).toBe('critical');
    expect(app.alerts.counts().critical).toBeGreaterThanOrEqual(1);
    fleet.clearFault('SIM-0002', 'emergencyStop');
    await waitFor('e-stop alert resolved', () => !alertOf('robot.emergency_stop', id), 15_000, 100);
  }, 30_000);

  it('a flapping emergency stop opens one alert, with its flaps counted', async () => {
    await app.alerts.updateRule({ id: 'robot.emergency_stop', clearSec: 4 }, admin);
    const id = robotId('SIM-0003');
    const before = app.alerts.stats().opened;
    for (let i = 0; i < 4; i++) {
      fleet.injectFault('SIM-0003', { kind: 'emergencyStop' });
      await waitFor('e-stop seen', () => alertOf('robot.emergency_stop', id)?.active, 5_000, 50);
      fleet.clearFault('SIM-0003', 'emergencyStop');
      await waitFor('e-stop cleared', () => alertOf('robot.emergency_stop', id)?.active === false, 5_000, 50);
    }
    const alert = alertOf('robot.emergency_stop', id)!;
    expect(alert.flaps).toBeGreaterThanOrEqual(3);
    expect(app.alerts.stats().opened - before).toBe(1);
    await waitFor('flapping alert resolved', () => !alertOf('robot.emergency_stop', id), 15_000, 100);
  }, 60_000);

  it('a dead robot raises an offline alert, resolved when it is back', async () => {
    await app.alerts.updateRule({ id: 'robot.offline', forSec: 1, clearSec: 1 }, admin);
    const id = robotId('SIM-0004');
    fleet.injectFault('SIM-0004', { kind: 'die' });
    const alert = await waitFor('offline alert', () => alertOf('robot.offline', id), 15_000, 100);
    expect(alert.state).toBe('open');
    fleet.clearFault('SIM-0004', 'die');
    await waitFor('offline alert resolved', () => !alertOf('robot.offline', id), 20_000, 100);
  }, 45_000);

  it("stores every transition with who and when, also on the robot's event timeline", async () => {
    const [resolved] = await app.alerts.list({ state: 'resolved', rule: 'robot.offline', limit: 1 });
    const transitions = await createAlertStore(app.db).transitions(resolved!.id);
    expect(transitions.map((t) => `${t.transition}:${t.by}`)).toEqual(['opened:auto', 'resolved:auto']);
    expect(transitions[1]!.at).toBeGreaterThan(transitions[0]!.at);
    const events = await app.db.rows<{ kind: string }>(
      sql`select kind from robot_events where robot_id = ${resolved!.robotId} and kind like 'alert_%' order by id`,
    );
    expect(events.map((e) => e.kind)).toEqual(['alert_opened', 'alert_resolved']);
  });
});
