// VDA 5050 3.0 beside 2.0 and 2.1 in one app: a robot written by hand from the official 3.0.0 schemas
// (testing/hand-written-robot-v3.ts, not the project's simulator) and hand-written 2.0 and 2.1 robots join the same
// fleet. The 3.0 robot is shown like the others (pose, battery, version), receives 3.0 instant actions and orders
// that pass the official 3.0.0 schemas on its `v3` topics, and its answers settle the app's commands.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HandWrittenRobot } from './adapters/gateways/vda5050-mqtt/testing/hand-written-robot';
import { HandWrittenRobotV3 } from './adapters/gateways/vda5050-mqtt/testing/hand-written-robot-v3';
import { createApp, type App } from './app';
import type { CommandView, IssueCommandInput } from './domain/commands/command';
import { createRoutePlanner } from './domain/route-planner';
import { createSchemaValidator } from './protocol/schema-validator';
import { robotLogin } from './testing/mqtt-credentials';
import { testConfig, testLogger, waitFor } from './testing/test-env';

const MAKER = 'Third Generation AG';
let app: App;
let cleanup: () => Promise<void>;
let v3: HandWrittenRobotV3;
let v2: HandWrittenRobot;
let v21: HandWrittenRobot;
const schemas = createSchemaValidator();

beforeAll(async () => {
  const t = await testConfig({ SIM_ROBOTS: '0' });
  cleanup = t.cleanup;
  app = await createApp(t.config, { logger: testLogger });
  const start = createRoutePlanner(app.map).nearestNode(10, 6)!;
  v3 = await HandWrittenRobotV3.connect(app.brokerUrl, t.config.VDA_INTERFACE, MAKER, 'TG-3', await robotLogin(app, MAKER, 'TG-3'));
  v3.pose = { x: start.x, y: start.y, theta: 0, mapId: app.map.mapId };
  v2 = await HandWrittenRobot.connect(app.brokerUrl, t.config.VDA_INTERFACE, MAKER, 'TG-2', await robotLogin(app, MAKER, 'TG-2'));
  v2.reflect = false;
  v21 = await HandWrittenRobot.connect(app.brokerUrl, t.config.VDA_INTERFACE, MAKER, 'TG-21', await robotLogin(app, MAKER, 'TG-21'));
  v21.version = '2.1.0';
}, 60_000);

afterAll(async () => {
  await v3?.close();
  await v2?.close();
  await v21?.close();
  await app?.stop();
  await cleanup?.();
});

const view = (serial: string) => app.runtime.fleet.list().find((r) => r.serialNumber === serial);

async function run(type: IssueCommandInput['type'], params?: Record<string, unknown>): Promise<CommandView> {
  const c = await app.commands.issue({ robotId: view('TG-3')!.id, type, params }, { name: 'it-operator' });
  return waitFor(
    `command ${type} final`,
    async () => {
      const { command } = await app.commands.byId(c.id);
      return command.finishedAt !== null ? command : null;
    },
    15_000,
    50,
  );
}

describe('a VDA 5050 3.0 robot in a mixed fleet', () => {
  it('joins beside a 2.0 robot and is shown from its 3.0 fields', async () => {
    await v3.connection('ONLINE');
    await v3.publishState({ errors: [{ errorType: 'laserDirty', errorLevel: 'URGENT', errorHint: 'clean the front scanner' }] });
    await v3.publishVisualization();
    await v2.online();
    await v2.publishState({ agvPosition: { x: 3, y: 4, theta: 0, mapId: app.map.mapId, positionInitialized: true } });
    const r3 = await waitFor('the 3.0 robot with a pose', () => (view('TG-3')?.pose ? view('TG-3') : null), 10_000);
    const r2 = await waitFor('the 2.0 robot with a pose', () => (view('TG-2')?.pose ? view('TG-2') : null), 10_000);
    expect(r3).toMatchObject({ connection: 'ONLINE', protocolVersion: '3.0.0', battery: 64.5, charging: false });
    expect(r3.pose).toMatchObject({ x: v3.pose.x, y: v3.pose.y, mapId: app.map.mapId });
    // URGENT has no 2.x twin: it counts as a warning, and the description says what the robot sent.
    expect(r3.errors).toEqual([expect.objectContaining({ errorType: 'laserDirty', errorLevel: 'WARNING' })]);
    expect(r3.errors[0]!.errorDescription).toMatch(/URGENT/);
    expect(r2).toMatchObject({ connection: 'ONLINE', protocolVersion: '2.0.0' });
    await v21.online();
    await v21.publishState({ agvPosition: { x: 5, y: 4, theta: 0, mapId: app.map.mapId, positionInitialized: true } });
    const r21 = await waitFor('the 2.1 robot with a pose', () => (view('TG-21')?.pose ? view('TG-21') : null), 10_000);
    expect(r21).toMatchObject({ connection: 'ONLINE', protocolVersion: '2.1.0' });
    // The 2.1 robot answers a command written in 2.1.0 on v2; the mixed fleet shares one app.
    v21.received.length = 0;
    const c = await app.commands.issue({ robotId: r21.id, type: 'pause' }, { name: 'it-operator' });
    await waitFor(
      'the 2.1 pause settled',
      async () => ((await app.commands.byId(c.id)).command.status === 'succeeded' ? true : null),
      10_000,
    );
    expect(v21.of('instantActions')[0]).toMatchObject({ version: '2.1.0' });
    expect(app.protocol.stats(r3.id)).toMatchObject({ invalid: 0, protocolVersion: '3.0.0' });
  });

  it('pause and resume reach it as schema-valid 3.0 instant actions on v3, and its instantActionStates settle them', async () => {
    v3.received.length = 0;
    const paused = await run('pause');
    expect(paused, paused.outcome ?? '').toMatchObject({ status: 'succeeded' });
    const resumed = await run('resume');
    expect(resumed, resumed.outcome ?? '').toMatchObject({ status: 'succeeded' });
    const sent = v3.of('instantActions');
    expect(sent.map((m) => (m.actions as { actionType: string }[])[0]!.actionType)).toEqual(
      expect.arrayContaining(['startPause', 'stopPause']),
    );
    for (const m of sent) {
      expect(m.version).toBe('3.0.0');
      expect(schemas.validate('instantActions', '3.0.0', m)).toEqual({ ok: true });
      for (const a of m.actions as { blockingType: string }[]) expect(a.blockingType).toBe('NONE');
    }
    // Nothing went to it on the 2.x level.
    expect(v3.received.every((m) => m.topic === 'instantActions' || m.topic === 'order')).toBe(true);
  });

  it('a go-to reaches it as a schema-valid 3.0 order and succeeds when it reports the last node', async () => {
    const planner = createRoutePlanner(app.map);
    const from = planner.nearestNode(v3.pose.x, v3.pose.y)!.id;
    const to = app.map.nodes.find((n) => n.id !== from && (planner.shortestPath(from, n.id)?.length ?? 0) >= 3)!;
    v3.received.length = 0;
    const done = await run('goTo', { nodeId: to.id });
    expect(done, done.outcome ?? '').toMatchObject({ status: 'succeeded' });
    const [order] = v3.of('order');
    expect(order).toBeDefined();
    expect(order!.version).toBe('3.0.0');
    expect(schemas.validate('order', '3.0.0', order)).toEqual({ ok: true });
    const edges = order!.edges as Record<string, unknown>[];
    expect(edges.length).toBeGreaterThan(0);
    // 3.0 edges join the nodes around them by sequence: no start/end node ids.
    for (const e of edges) expect(e).not.toHaveProperty('startNodeId');
    expect(view('TG-3')!.lastNodeId).toBe(to.id);
  });

  it('its operating mode limits what may be sent (3.0 Table 11): INTERVENED takes only orders and cancelOrder, MANUAL nothing', async () => {
    v3.operatingMode = 'INTERVENED';
    await v3.publishState();
    await waitFor('INTERVENED shown', () => view('TG-3')?.operatingMode === 'INTERVENED', 5000);
    const pause = await run('pause');
    expect(pause).toMatchObject({
      status: 'rejected',
      outcome: expect.stringMatching(/operating mode INTERVENED: only orders and cancelOrder/),
    });
    expect((await run('cancelOrder')).status).toBe('succeeded');
    v3.operatingMode = 'MANUAL';
    await v3.publishState();
    await waitFor('MANUAL shown', () => view('TG-3')?.operatingMode === 'MANUAL', 5000);
    const sent = v3.received.length;
    const goTo = await run('goTo', { nodeId: view('TG-3')!.lastNodeId! });
    expect(goTo).toMatchObject({
      status: 'rejected',
      outcome: expect.stringMatching(/operating mode MANUAL: fleet control is not in control/),
    });
    expect(v3.received.length).toBe(sent); // nothing went out
    v3.operatingMode = 'AUTOMATIC';
    await v3.publishState();
    await waitFor('AUTOMATIC again', () => view('TG-3')?.operatingMode === 'AUTOMATIC', 5000);
  });

  it('a 3.0 message on the 2.x topic level is refused, with the reason', async () => {
    const id = view('TG-3')!.id;
    const before = app.protocol.stats(id)!.invalid;
    await v3.client.publishAsync(
      `${v3.iface}/v2/${MAKER}/TG-3/visualization`,
      JSON.stringify({ ...v3.header('visualization'), referenceStateHeaderId: 0 }),
      { qos: 1 },
    );
    const stats = await waitFor(
      'the refusal counted',
      () => (app.protocol.stats(id)!.invalid > before ? app.protocol.stats(id) : null),
      5000,
    );
    expect(stats!.lastViolation?.reason).toMatch(/does not belong on the topic level v2/);
  });
});
