// Alerts in a cluster of two app processes on one broker, bus and database: the leader alone evaluates the rules,
// so an alert is opened once; every process shows it; an acknowledgement on the other process reaches the leader;
// when the leader goes, the other evaluates and carries the open alert on instead of opening a second one.
// Needs DATABASE_URL, BUS_URL and MQTT_URL.
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from './app';
import type { SimFleet } from './sim/fleet';
import { clusterServices, openClusterSite, type ClusterSite } from './testing/cluster-site';
import { waitFor } from './testing/test-env';

const run = clusterServices.all;
const RULE = 'robot.emergency_stop';
let site: ClusterSite | null = null;
let a: App | null = null;
let b: App;
let fleet: SimFleet | null = null;

const robotId = (app: App, serial: string) => app.store.list().find((r) => r.serialNumber === serial)?.id ?? -1;
const alertOf = (app: App, serial: string) => app.alerts.unresolved().find((x) => x.ruleId === RULE && x.robotId === robotId(app, serial));
async function rowsFor(serial: string, app: App) {
  const sql = postgres(site!.url, { max: 1, onnotice: () => {}, fetch_types: false });
  const rows = await sql<{ state: string }[]>`select state from alerts where rule_id = ${RULE} and robot_id = ${robotId(app, serial)}`;
  await sql.end();
  return rows.map((r) => r.state);
}

beforeAll(async () => {
  if (!run) return;
  site = await openClusterSite('alert');
  a = await site.startNode('a');
  b = await site.startNode('b');
  fleet = await site.startFleet(3, 9);
  for (const app of [a, b]) await site.seesFleet(app, 3);
}, 60_000);
afterAll(() => site?.close());

describe.skipIf(!run)('alerts across two app processes', () => {
  it('the leader opens an alert once; both show it; acknowledged on the other, the leader has it acknowledged; it resolves on both', async () => {
    expect(a!.node.isLeader()).toBe(true);
    expect((await b.runtime.health()).components.alerts).toMatchObject({ engine: null });
    fleet!.injectFault('SIM-0001', { kind: 'emergencyStop' });
    const onA = await waitFor('the alert on node a', () => alertOf(a!, 'SIM-0001'), 5_000, 50);
    const onB = await waitFor('the same alert on node b', () => alertOf(b, 'SIM-0001'), 5_000, 50);
    expect(onB.id).toBe(onA.id);
    await b.alerts.acknowledge({ id: onA.id, note: 'on it' }, { name: 'operator-b' });
    await waitFor('acknowledged on node a', () => alertOf(a!, 'SIM-0001')?.state === 'acknowledged', 5_000, 50);
    fleet!.clearFault('SIM-0001', 'emergencyStop');
    await waitFor('resolved on both', () => !alertOf(a!, 'SIM-0001') && !alertOf(b, 'SIM-0001'), 15_000, 100);
    expect(await rowsFor('SIM-0001', a!)).toEqual(['resolved']);
  });

  it('the leader goes with an alert open: the other takes the rules over and carries that alert on, not a second one', async () => {
    fleet!.injectFault('SIM-0002', { kind: 'emergencyStop' });
    const open = await waitFor('the alert on node b', () => alertOf(b, 'SIM-0002'), 5_000, 50);
    await a!.stop();
    a = null;
    await waitFor(
      'node b to lead and evaluate',
      async () => b.node.isLeader() && (await b.runtime.health()).components.alerts?.engine !== null,
      5_000,
      50,
    );
    // Evaluating from now on, node b finds the robot still stopped: the same alert, not a new one.
    await new Promise((r) => setTimeout(r, 3_000));
    expect(alertOf(b, 'SIM-0002')?.id).toBe(open.id);
    expect(await rowsFor('SIM-0002', b)).toEqual(['open']);
    fleet!.clearFault('SIM-0002', 'emergencyStop');
    await waitFor('resolved by node b', () => !alertOf(b, 'SIM-0002'), 15_000, 100);
    expect(await rowsFor('SIM-0002', b)).toEqual(['resolved']);
  });
});
