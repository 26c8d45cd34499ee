// The master-control side against a hand-written robot over a real broker: orders and every instant action type
// arrive schema-valid with the spec's fields; replies in state become robot.action / robot.order transitions;
// QoS 0 losses are resent until the state reflects them, and reported when it never does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../app';
import type { Envelope } from '../../../domain/envelope';
import { createRoutePlanner } from '../../../domain/route-planner';
import * as ia from '../../../domain/vda5050/instant-actions';
import { buildOrderToNode } from '../../../domain/vda5050/order-builder';
import { PROTOCOL_SUBJECTS, type RobotActionTransition, type RobotOrderEvent } from '../../../domain/vda5050/protocol-events';
import { robotLogin } from '../../../testing/mqtt-credentials';
import { testConfig, testLogger, waitFor } from '../../../testing/test-env';
import { createSchemaValidator } from '../../../protocol/schema-validator';
import { HandWrittenRobot } from './testing/hand-written-robot';

const M = 'Hand Made';
let app: App;
let cleanup: () => Promise<void>;
let iface: string;
const robots: HandWrittenRobot[] = [];
const bus: Envelope[] = [];
const schemas = createSchemaValidator();
const RFC3339_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

beforeAll(async () => {
  const t = await testConfig();
  cleanup = t.cleanup;
  iface = t.config.VDA_INTERFACE;
  app = await createApp(t.config, {
    logger: testLogger,
    protocol: { retry: { attempts: 4, firstDelayMs: 100, factor: 2 }, factsheetGraceMs: 200 },
  });
  app.bus.subscribe(
    'robot.>',
    (env) => void (env.subject.startsWith('robot.') && !['robot.visualization', 'robot.state'].includes(env.subject) && bus.push(env)),
  );
});

afterAll(async () => {
  for (const r of robots) await r.close();
  await app?.stop();
  await cleanup?.();
});

async function robot(serial: string, factsheet?: Record<string, unknown>): Promise<{ r: HandWrittenRobot; id: number }> {
  const r = await HandWrittenRobot.connect(app.brokerUrl, iface, M, serial, await robotLogin(app, M, serial));
  robots.push(r);
  if (factsheet) await r.publish('factsheet', factsheet);
  await r.online();
  await r.publishState();
  const view = await waitFor(`robot ${serial} registered`, () => app.runtime.fleet.list().find((v) => v.serialNumber === serial));
  if (factsheet) await waitFor('factsheet known', () => app.protocol.factsheet(view.id));
  return { r, id: view.id };
}
const payloads = <T>(subject: string) => bus.filter((e) => e.subject === subject).map((e) => e.payload as T);

function expectValid(topic: 'order' | 'instantActions', json: unknown) {
  const r = schemas.validate(topic, '2.0.0', json);
  expect(r).toEqual({ ok: true });
}

function factsheetWith(actions: { actionType: string; actionScopes: string[] }[]) {
  return {
    typeSpecification: {
      seriesName: 'Hand',
      agvKinematic: 'DIFF',
      agvClass: 'CARRIER',
      maxLoadMass: 500,
      localizationTypes: ['NATURAL'],
      navigationTypes: ['AUTONOMOUS'],
    },
    physicalParameters: {
      speedMin: 0.1,
      speedMax: 1.8,
      accelerationMax: 1,
      decelerationMax: 1,
      heightMin: 0.3,
      heightMax: 0.5,
      width: 0.8,
      length: 1.2,
    },
    protocolLimits: { maxStringLens: {}, maxArrayLens: {}, timing: { minOrderInterval: 1, minStateInterval: 0.1 } },
    protocolFeatures: { optionalParameters: [], agvActions: actions },
    agvGeometry: {},
    loadSpecification: {},
  };
}

/** A factsheet that lists every predefined instant action, so no factsheetRequest goes out on first contact. */
const ALL_INSTANT = factsheetWith(ia.INSTANT_ACTION_TYPES.map((actionType) => ({ actionType, actionScopes: ['INSTANT'] })));

describe('robot commander over VDA 5050 MQTT', () => {
  it('sends a schema-valid order with the spec fields and follows it through state', async () => {
    const { r, id } = await robot('ORD-1');
    const planner = createRoutePlanner(app.map);
    const from = app.map.nodes[0]!.id;
    const to = planner.neighbours(planner.neighbours(from)[0]!).find((n) => n !== from)!;
    const order = buildOrderToNode(planner, { orderId: 'order-1', fromNodeId: from, toNodeId: to, baseNodes: 2 });
    const sent = await app.commander.sendOrder(id, order);
    expect(sent.topic).toBe(r.topic('order'));

    const got = await waitFor('order received', () => r.of('order')[0]);
    expectValid('order', got);
    expect(got).toMatchObject({
      headerId: 0,
      version: '2.0.0',
      manufacturer: M,
      serialNumber: 'ORD-1',
      orderId: 'order-1',
      orderUpdateId: 0,
    });
    expect(got.timestamp).toMatch(RFC3339_UTC);
    const nodes = got.nodes as { sequenceId: number; released: boolean; nodePosition: { mapId: string } }[];
    expect(nodes.map((n) => n.sequenceId)).toEqual(nodes.map((_, i) => 2 * i));
    expect(nodes.every((n) => n.nodePosition.mapId === app.map.mapId)).toBe(true);
    expect((got.edges as { startNodeId: string; endNodeId: string }[]).every((e) => e.startNodeId && e.endNodeId)).toBe(true);

    const outcome = await sent.delivery;
    expect(outcome).toMatchObject({
      robotId: id,
      topic: 'order',
      status: 'acknowledged',
      attempts: 1,
      orderId: 'order-1',
      orderUpdateId: 0,
    });
    await waitFor('robot.order accepted', () =>
      payloads<RobotOrderEvent>(PROTOCOL_SUBJECTS.order).find((o) => o.robotId === id && o.kind === 'accepted' && o.orderId === 'order-1'),
    );
    expect(payloads(PROTOCOL_SUBJECTS.delivery)).toContainEqual(outcome);
  });

  it('sends every instant action type schema-valid, and publishes each action transition once', async () => {
    const { r, id } = await robot('IA-1');
    const actions = [
      ia.startPause(),
      ia.stopPause(),
      ia.cancelOrder(),
      ia.startCharging(),
      ia.stopCharging(),
      ia.initPosition({ x: 3, y: 4, theta: 0.5, mapId: app.map.mapId, lastNodeId: app.map.nodes[0]!.id }),
      ia.stateRequest(),
      ia.factsheetRequest(),
    ];
    const before = r.of('instantActions').length;
    for (const a of actions) await app.commander.sendInstantActions(id, [a]);
    const actionIdOf = (m: Record<string, unknown>) => (m.actions as { actionId: string }[])[0]!.actionId;
    const all = await waitFor('all instant actions received', () => {
      const seen = r.of('instantActions').slice(before);
      return actions.every((a) => seen.some((m) => actionIdOf(m) === a.actionId)) ? seen : null;
    });
    // One headerId sequence per robot and topic, resends included (a slow reply on a loaded machine may add one).
    const ids = all.map((m) => m.headerId as number);
    expect(ids).toEqual(ids.map((_, i) => ids[0]! + i));
    const got = actions.map((a) => all.find((m) => actionIdOf(m) === a.actionId)!);
    for (const [i, m] of got.entries()) {
      expectValid('instantActions', m);
      expect(m).toMatchObject({
        version: '2.0.0',
        manufacturer: M,
        serialNumber: 'IA-1',
        actions: [
          { actionId: actions[i]!.actionId, actionType: actions[i]!.actionType, blockingType: expect.stringMatching(/^(NONE|SOFT|HARD)$/) },
        ],
      });
      expect(m.timestamp).toMatch(RFC3339_UTC);
    }
    const init = got.find((m) => (m.actions as { actionType: string }[])[0]!.actionType === 'initPosition')!;
    expect((init.actions as { actionParameters: { key: string }[] }[])[0]!.actionParameters.map((p) => p.key)).toEqual([
      'x',
      'y',
      'theta',
      'mapId',
      'lastNodeId',
    ]);

    const transitions = await waitFor('WAITING and FINISHED for every action', () => {
      const t = payloads<RobotActionTransition>(PROTOCOL_SUBJECTS.action).filter((a) => a.robotId === id);
      return t.filter((a) => a.to === 'FINISHED').length >= actions.length ? t : null;
    });
    for (const a of actions) {
      expect(transitions.filter((t) => t.actionId === a.actionId).map((t) => [t.from, t.to])).toEqual([
        [null, 'WAITING'],
        ['WAITING', 'FINISHED'],
      ]);
    }
  });

  it('resends an action the robot did not reflect, and stops once it does', async () => {
    const { r, id } = await robot('LOSSY-1', ALL_INSTANT);
    r.ignoreNext = 2;
    const before = r.of('instantActions').length;
    const sent = await app.commander.sendInstantActions(id, [ia.startPause()]);
    const outcome = await sent.delivery;
    expect(outcome).toMatchObject({ status: 'acknowledged', attempts: 3 });
    await new Promise((res) => setTimeout(res, 800)); // longer than the next back-off: no more copies
    const copies = r.of('instantActions').slice(before);
    expect(copies).toHaveLength(3);
    expect(copies.map((c) => c.headerId)).toEqual(outcome.headerIds);
    expect(new Set(copies.map((c) => JSON.stringify(c.actions))).size).toBe(1); // same actionId every time
  });

  it('reports "not acknowledged" after the bounded attempts when the robot never reflects', async () => {
    const { r, id } = await robot('DEAF-1', ALL_INSTANT);
    r.reflect = false;
    const before = r.of('instantActions').length;
    const sent = await app.commander.sendInstantActions(id, [ia.stopPause()]);
    const outcome = await sent.delivery;
    expect(outcome).toMatchObject({ status: 'not_acknowledged', attempts: 4 });
    expect(outcome.settledAt - outcome.firstSentAt).toBeGreaterThanOrEqual(100 + 200 + 400 + 800 - 50);
    expect(r.of('instantActions').length - before).toBe(4);
    // On a networked bus (BUS_URL) the outcome reaches subscribers a moment after the promise settles.
    await expect.poll(() => payloads(PROTOCOL_SUBJECTS.delivery)).toContainEqual(outcome);
  });

  it('refuses actions the factsheet does not list, before sending anything', async () => {
    const { r, id } = await robot(
      'PICKY-1',
      factsheetWith([
        { actionType: 'startPause', actionScopes: ['INSTANT'] },
        { actionType: 'pick', actionScopes: ['NODE'] },
      ]),
    );
    const fs = app.protocol.factsheet(id)!;
    expect(fs).toMatchObject({
      speedMax: 1.8,
      width: 0.8,
      length: 1.2,
      agvClass: 'CARRIER',
      supportedActions: [
        { actionType: 'startPause', scopes: ['INSTANT'] },
        { actionType: 'pick', scopes: ['NODE'] },
      ],
    });
    await expect(app.commander.sendInstantActions(id, [ia.startCharging()])).rejects.toMatchObject({
      name: 'UnsupportedActionError',
      actionType: 'startCharging',
      scope: 'INSTANT',
    });
    await expect(app.commander.sendInstantActions(id, [ia.instantAction('pick')])).rejects.toMatchObject({
      name: 'UnsupportedActionError',
      scope: 'INSTANT',
    });
    const ok = await app.commander.sendInstantActions(id, [ia.startPause()]);
    expect((await ok.delivery).status).toBe('acknowledged');
    expect(r.of('instantActions')).toHaveLength(1);
  });

  it('asks a robot without a factsheet for one on first contact', async () => {
    const { r, id } = await robot('NEW-1');
    const req = await waitFor('factsheetRequest received', () =>
      r.of('instantActions').find((m) => (m.actions as { actionType: string }[])[0]?.actionType === 'factsheetRequest'),
    );
    expectValid('instantActions', req);
    await r.publish('factsheet', factsheetWith([{ actionType: 'startPause', actionScopes: ['INSTANT'] }]));
    await waitFor('factsheet stored in memory', () => app.protocol.factsheet(id));
    // A robot that already sent its factsheet is not asked.
    const { r: known } = await robot('KNOWN-1', factsheetWith([]));
    await new Promise((res) => setTimeout(res, 500));
    expect(known.of('instantActions')).toHaveLength(0);
  });
});
