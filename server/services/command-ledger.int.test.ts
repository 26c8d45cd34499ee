// The command ledger against simulated robots over a real broker (embedded or Mosquitto) and a real database
// (PGlite or Postgres): every command type reaches `succeeded` and does what it says on the robot, exactly once
// even when 30% of messages are lost; offline robots' commands expire; unsupported ones are rejected.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../app';
import type { CommandStatus, CommandView, IssueCommandInput } from '../domain/commands/command';
import { IdempotencyConflictError, InvalidCommandError, NotCancellableError } from '../domain/commands/command-errors';
import { createRoutePlanner } from '../domain/route-planner';
import { DEFAULT_AGV_ACTIONS } from '../sim/action-ledger';
import { startFleet, type SimFleet } from '../sim/fleet';
import { robotLogin } from '../testing/mqtt-credentials';
import { testConfig, testLogger, waitFor } from '../testing/test-env';

let app: App;
let fleet: SimFleet;
let cleanup: () => Promise<void>;
const by = { name: 'it-operator' };

beforeAll(async () => {
  const t = await testConfig();
  cleanup = t.cleanup;
  app = await createApp(t.config, { logger: testLogger, protocol: { factsheetGraceMs: 200 } });
  fleet = await startFleet({
    brokerUrl: app.brokerUrl,
    clientOptions: await robotLogin(app, 'SimRobotics'),
    iface: t.config.VDA_INTERFACE,
    robots: 6,
    hz: 5,
    seed: 7,
    map: app.map,
    autonomous: 'never',
    // SIM-0006 cannot charge: its factsheet leaves out startCharging.
    perRobot: (serial) =>
      serial === 'SIM-0006' ? { agvActions: DEFAULT_AGV_ACTIONS.filter((a) => a.actionType !== 'startCharging') } : undefined,
  });
  await fleet.ready;
  await waitFor('6 robots online', () => app.runtime.fleet.list().filter((r) => r.connection === 'ONLINE' && r.pose).length === 6, 20_000);
  for (const r of app.runtime.fleet.list()) await waitFor(`factsheet of ${r.serialNumber}`, () => app.protocol.factsheet(r.id), 10_000);
}, 60_000);

afterAll(async () => {
  await fleet?.stop();
  await app?.stop();
  await cleanup?.();
});

const robot = (serial: string) => app.runtime.fleet.list().find((r) => r.serialNumber === serial)!;
const execs = (serial: string) => fleet.executions()[serial] ?? {};

async function settle(c: CommandView, timeoutMs = 30_000): Promise<CommandView> {
  return waitFor(
    `command ${c.type} ${c.id} final`,
    async () => {
      const { command } = await app.commands.byId(c.id);
      return ['succeeded', 'failed', 'cancelled', 'expired', 'timed_out', 'rejected'].includes(command.status) ? command : null;
    },
    timeoutMs,
    100,
  );
}

async function run(
  serial: string,
  type: IssueCommandInput['type'],
  params?: Record<string, unknown>,
  expected: CommandStatus = 'succeeded',
): Promise<CommandView> {
  const c = await app.commands.issue({ robotId: robot(serial).id, type, params }, by);
  const done = await settle(c);
  expect(done, `${type}: ${done.outcome}`).toMatchObject({ status: expected });
  return done;
}

/** A node a few hops from where the robot stands, so a drive takes seconds, not minutes. */
function nearbyNode(serial: string, hops: number): string {
  const planner = createRoutePlanner(app.map);
  let at = robot(serial).lastNodeId!;
  const seen = new Set([at]);
  for (let i = 0; i < hops; i++) {
    const next = planner.neighbours(at).find((n) => !seen.has(n));
    if (!next) break;
    seen.add(next);
    at = next;
  }
  return at;
}

describe('command ledger over VDA 5050 MQTT', () => {
  it('pause and resume: the robot reports paused, then not, each executed once, with the whole history', async () => {
    const p = await run('SIM-0001', 'pause');
    await waitFor('paused', () => robot('SIM-0001').paused);
    expect(p.dispatchedAt! >= p.issuedAt && p.acknowledgedAt! >= p.dispatchedAt! && p.finishedAt! >= p.acknowledgedAt!).toBe(true);
    const { events } = await app.commands.byId(p.id);
    expect(events.map((e) => e.to)).toEqual(['requested', 'queued', 'dispatched', 'acknowledged', 'succeeded']);
    await run('SIM-0001', 'resume');
    await waitFor('resumed', () => !robot('SIM-0001').paused);
    expect(execs('SIM-0001')).toMatchObject({ startPause: 1, stopPause: 1 });
  });

  it('go to a node, re-initialise position, charge and stop charging', async () => {
    const target = nearbyNode('SIM-0002', 2);
    const g = await run('SIM-0002', 'goTo', { nodeId: target });
    expect(robot('SIM-0002').lastNodeId).toBe(target);
    expect(g.runningAt).not.toBeNull();

    const charger = app.map.chargers[0]!;
    const node = app.map.nodes.find((n) => n.id === charger.nodeId)!;
    await run('SIM-0002', 'initPosition', { nodeId: charger.nodeId });
    await waitFor(
      'relocalised at the charger',
      () => Math.hypot(robot('SIM-0002').pose!.x - node.x, robot('SIM-0002').pose!.y - node.y) < 0.5,
    );
    await run('SIM-0002', 'charge', { chargerNodeId: charger.nodeId });
    await waitFor('charging', () => robot('SIM-0002').charging);
    await run('SIM-0002', 'stopCharging');
    await waitFor('not charging', () => !robot('SIM-0002').charging);
    expect(execs('SIM-0002')).toMatchObject({ order: 2, initPosition: 1, startCharging: 1, stopCharging: 1 });
  });

  it('goes to a named place, and cancelling the order stops the robot and ends the go-to as cancelled', async () => {
    const far = app.map.nodes.filter((n) => n.place?.kind === 'dock').at(-1)!;
    const g = await app.commands.issue({ robotId: robot('SIM-0003').id, type: 'goTo', params: { place: far.place!.name } }, by);
    await waitFor('driving', async () => (await app.commands.byId(g.id)).command.status === 'running' && robot('SIM-0003').driving, 15_000);
    await expect(app.commands.cancel(g.id, by)).resolves.toMatchObject({ id: g.id });
    expect(await settle(g)).toMatchObject({ status: 'cancelled', outcome: 'order cancelled on the robot (cancelOrder)' });
    await waitFor('stopped', () => !robot('SIM-0003').driving);
    const cancels = (await app.commands.list({ robotId: robot('SIM-0003').id, type: ['cancelOrder'] })).items;
    expect(cancels).toHaveLength(1);
    expect(cancels[0]).toMatchObject({ status: 'succeeded' });
    expect(execs('SIM-0003')).toMatchObject({ order: 1, cancelOrder: 1 });
  });

  it('state and factsheet requests succeed; an instant action already sent cannot be recalled', async () => {
    const s = await run('SIM-0004', 'stateRequest');
    await run('SIM-0004', 'factsheetRequest');
    await expect(app.commands.cancel(s.id, by)).rejects.toBeInstanceOf(NotCancellableError);
    expect(execs('SIM-0004')).toMatchObject({ stateRequest: 1, factsheetRequest: 1 });
  });

  it('executes each command exactly once on a robot that loses 30% of messages both ways', async () => {
    fleet.injectFault('SIM-0005', { kind: 'drop', share: 0.3 });
    try {
      for (let i = 0; i < 3; i++) {
        await run('SIM-0005', 'pause');
        await run('SIM-0005', 'resume');
      }
      await run('SIM-0005', 'stateRequest');
      await run('SIM-0005', 'goTo', { nodeId: nearbyNode('SIM-0005', 1) });
    } finally {
      fleet.clearFault('SIM-0005');
    }
    expect(execs('SIM-0005')).toMatchObject({ startPause: 3, stopPause: 3, stateRequest: 1, order: 1 });
    const sent = (await app.commands.list({ robotId: robot('SIM-0005').id })).items;
    expect(sent.every((c) => c.status === 'succeeded')).toBe(true);
  }, 120_000);

  it('rejects a command the robot does not support, with the reason, without sending it', async () => {
    const c = await app.commands.issue({ robotId: robot('SIM-0006').id, type: 'charge' }, by);
    expect(c).toMatchObject({ status: 'rejected', outcome: "the robot's factsheet does not list startCharging as NODE action" });
    const bad = await app.commands.issue({ robotId: robot('SIM-0006').id, type: 'goTo', params: { place: 'Nowhere' } }, by);
    expect(bad.status).toBe('rejected');
    expect(bad.outcome).toMatch(/no node or place "Nowhere"/);
    await expect(app.commands.issue({ robotId: robot('SIM-0006').id, type: 'goTo', params: { elsewhere: 1 } }, by)).rejects.toBeInstanceOf(
      InvalidCommandError,
    );
    await expect(app.commands.issue({ robotId: 999_999, type: 'pause' }, by)).rejects.toThrow('no robot with id 999999');
    expect(execs('SIM-0006').startCharging ?? 0).toBe(0);
  });

  it('refuses stop charging on a robot that is driving, saying it is not charging, without sending it', async () => {
    const before = execs('SIM-0004').stopCharging ?? 0;
    const g = await app.commands.issue({ robotId: robot('SIM-0004').id, type: 'goTo', params: { nodeId: nearbyNode('SIM-0004', 3) } }, by);
    await waitFor('driving', () => robot('SIM-0004').driving && !robot('SIM-0004').charging, 15_000);
    const c = await app.commands.issue({ robotId: robot('SIM-0004').id, type: 'stopCharging' }, by);
    expect(c).toMatchObject({ status: 'rejected', dispatchedAt: null });
    expect(c.outcome).toBe('not applicable: SIM-0004 is not charging (it is driving), so there is nothing to stop');
    await settle(g);
    expect(execs('SIM-0004').stopCharging ?? 0).toBe(before);
  });

  it('answers a repeated idempotency key with the original command, and refuses it with other parameters', async () => {
    const id = robot('SIM-0004').id;
    const a = await app.commands.issue({ robotId: id, type: 'stateRequest', idempotencyKey: 'key-1' }, by);
    const b = await app.commands.issue({ robotId: id, type: 'stateRequest', idempotencyKey: 'key-1' }, by);
    expect(b.id).toBe(a.id);
    await expect(app.commands.issue({ robotId: id, type: 'pause', idempotencyKey: 'key-1' }, by)).rejects.toBeInstanceOf(
      IdempotencyConflictError,
    );
    await settle(a);
    expect(execs('SIM-0004').stateRequest).toBe(2);
  });

  it('queues commands for an offline robot until their TTL, then expires them unsent', async () => {
    fleet.kill('SIM-0006');
    await waitFor('offline', () => robot('SIM-0006').connection !== 'ONLINE', 15_000);
    const c = await app.commands.issue({ robotId: robot('SIM-0006').id, type: 'pause', ttlMs: 1_500 }, by);
    expect(c.status).toBe('queued');
    const done = await settle(c);
    expect(done.status).toBe('expired');
    expect(done.dispatchedAt).toBeNull();
    expect(done.outcome).toMatch(/not sent within its TTL of 1.5 s/);
  });

  it('stop-all pauses every online robot ahead of queued commands, and the ledger lists them newest first', async () => {
    const online = app.runtime.fleet.list().filter((r) => r.connection === 'ONLINE');
    const made = await app.commands.stopAll(
      online.map((r) => r.id),
      by,
    );
    expect(new Set(made.map((c) => c.batchId)).size).toBe(1);
    for (const c of made) expect(await settle(c)).toMatchObject({ status: 'succeeded', priority: 10 });
    for (const r of online) expect(robot(r.serialNumber).paused).toBe(true);
    const page1 = await app.commands.list({ limit: 3 });
    expect(page1.items).toHaveLength(3);
    const page2 = await app.commands.list({ limit: 3, cursor: page1.nextCursor! });
    expect(page2.items[0]!.issuedAt).toBeLessThanOrEqual(page1.items[2]!.issuedAt);
    expect(new Set([...page1.items, ...page2.items].map((c) => c.id)).size).toBe(6);
  });
});
