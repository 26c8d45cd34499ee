// A simulated robot driven by a plain MQTT client acting as master control, with hand-written VDA 5050 2.0.0
// messages (not the simulator's own builders), over an in-process broker. Every state message is schema-checked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import { Aedes } from 'aedes';
import mqtt, { type MqttClient } from 'mqtt';
import { createSchemaValidator } from '../protocol/schema-validator';
import type { WarehouseMap } from '../domain/warehouse-map';
import type { ConnectionMessage, StateMessage } from '../domain/vda5050/messages';
import { DEFAULT_AGV_ACTIONS } from './action-ledger';
import { startFleet, type SimFleet } from './fleet';

const map = JSON.parse(readFileSync(new URL('../../db/seed/warehouse-map.json', import.meta.url), 'utf8')) as WarehouseMap;
const IFACE = 'vdaint';
const validator = createSchemaValidator();
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

interface Received {
  serial: string;
  topic: string;
  raw: string;
  at: number;
}

describe('a simulated robot under a hand-written master control', () => {
  let broker: Aedes;
  let server: net.Server;
  let fleet: SimFleet;
  let mc: MqttClient;
  const log: Received[] = [];
  let headerId = 0;

  const parsed = <T>(r: Received): T | null => {
    try {
      return JSON.parse(r.raw) as T;
    } catch {
      return null;
    }
  };
  const states = (serial: string, since = 0): StateMessage[] =>
    log
      .filter((r) => r.serial === serial && r.topic === 'state' && r.at >= since)
      .map((r) => parsed<StateMessage>(r))
      .filter((s): s is StateMessage => s !== null);
  const latest = (serial: string): StateMessage | undefined => states(serial).at(-1);
  async function until<T>(what: string, probe: () => T | undefined | false, timeoutMs = 20_000): Promise<T> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const v = probe();
      if (v) return v;
      if (Date.now() > end)
        throw new Error(`timed out waiting for ${what}; last state: ${JSON.stringify(latest(what.split(':')[0]!))?.slice(0, 600)}`);
      await sleep(25);
    }
  }
  const stateWhere = (serial: string, pred: (s: StateMessage) => boolean, since = 0) =>
    until(`${serial}: state`, () => states(serial, since).find(pred));
  const send = async (serial: string, topic: 'order' | 'instantActions', body: object | string): Promise<void> => {
    const payload =
      typeof body === 'string'
        ? body
        : JSON.stringify({
            headerId: headerId++,
            timestamp: new Date().toISOString(),
            version: '2.0.0',
            manufacturer: 'SimRobotics',
            serialNumber: serial,
            ...body,
          });
    await mc.publishAsync(`${IFACE}/v2/SimRobotics/${serial}/${topic}`, payload, { qos: 0 });
  };
  const initPosition = (serial: string, actionId: string, x: number, y: number, nodeId: string) =>
    send(serial, 'instantActions', {
      actions: [
        {
          actionId,
          actionType: 'initPosition',
          blockingType: 'HARD',
          actionParameters: [
            { key: 'x', value: x },
            { key: 'y', value: y },
            { key: 'theta', value: 1.5708 },
            { key: 'mapId', value: 'warehouse-1' },
            { key: 'lastNodeId', value: nodeId },
          ],
        },
      ],
    });
  const finished = (s: StateMessage, actionId: string) =>
    s.actionStates.some((a) => a.actionId === actionId && a.actionStatus === 'FINISHED');

  beforeAll(async () => {
    broker = await Aedes.createBroker();
    server = net.createServer(broker.handle);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `mqtt://127.0.0.1:${(server.address() as AddressInfo).port}`;
    mc = await mqtt.connectAsync(url, { clientId: 'master-control' });
    mc.on('message', (topic, payload) => {
      const [, , , serial, sub] = topic.split('/');
      if (serial && sub) log.push({ serial, topic: sub, raw: payload.toString(), at: Date.now() });
    });
    await mc.subscribeAsync(`${IFACE}/v2/#`, { qos: 1 });
    fleet = await startFleet({
      brokerUrl: url,
      iface: IFACE,
      robots: 3,
      hz: 10,
      seed: 5,
      map,
      autonomous: 'never',
      behaviour: { limits: { maxSpeed: 2, maxAccel: 1.5, maxTurnRate: 3, headingTolerance: 0.05 } },
      perRobot: (serial) =>
        serial === 'SIM-0003' ? { agvActions: DEFAULT_AGV_ACTIONS.filter((a) => a.actionType !== 'startCharging') } : undefined,
    });
    await fleet.ready;
  });

  afterAll(async () => {
    await fleet.stop();
    await mc.endAsync();
    await new Promise<void>((resolve) => broker.close(() => resolve()));
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('drives an order to its last node, stops at a decision point and completes after an update', async () => {
    await initPosition('SIM-0001', 'r1-init', 9, 2.5, 'dock-1');
    await stateWhere('SIM-0001', (s) => finished(s, 'r1-init') && s.lastNodeId === 'dock-1');
    await send('SIM-0001', 'order', {
      orderId: 'int-order-1',
      orderUpdateId: 0,
      nodes: [
        { nodeId: 'dock-1', sequenceId: 0, released: true, nodePosition: { x: 9, y: 2.5, mapId: 'warehouse-1' }, actions: [] },
        { nodeId: 'n-002', sequenceId: 2, released: true, nodePosition: { x: 9, y: 6, mapId: 'warehouse-1' }, actions: [] },
        {
          nodeId: 'n-026',
          sequenceId: 4,
          released: true,
          nodePosition: { x: 13.5, y: 6, mapId: 'warehouse-1' },
          actions: [
            { actionId: 'int-pick-1', actionType: 'pick', blockingType: 'HARD', actionParameters: [{ key: 'loadId', value: 'pallet-7' }] },
          ],
        },
      ],
      edges: [
        { edgeId: 'e-001', sequenceId: 1, released: true, startNodeId: 'dock-1', endNodeId: 'n-002', maxSpeed: 1.0, actions: [] },
        { edgeId: 'e-011', sequenceId: 3, released: true, startNodeId: 'n-002', endNodeId: 'n-026', actions: [] },
      ],
    });
    const accepted = await stateWhere('SIM-0001', (s) => s.orderId === 'int-order-1');
    expect(accepted.nodeStates.map((n) => n.nodeId)).toEqual(['n-002', 'n-026']);
    await stateWhere('SIM-0001', (s) => s.driving && s.orderId === 'int-order-1');
    const done = await stateWhere('SIM-0001', (s) => s.lastNodeId === 'n-026' && finished(s, 'int-pick-1'));
    expect(done).toMatchObject({ lastNodeSequenceId: 4, nodeStates: [], edgeStates: [], driving: false, loads: [{ loadId: 'pallet-7' }] });
    expect(
      Math.max(
        ...states('SIM-0001')
          .filter((s) => s.lastNodeId === 'dock-1' && s.orderId === 'int-order-1')
          .map((s) => s.velocity?.vx ?? 0),
      ),
    ).toBeLessThanOrEqual(1.0);

    // A base to n-004 with a horizon to dock-2: the robot waits at n-004 until the update releases the rest.
    await send('SIM-0001', 'order', {
      orderId: 'int-order-2',
      orderUpdateId: 0,
      nodes: [
        { nodeId: 'n-026', sequenceId: 0, released: true, actions: [] },
        { nodeId: 'n-004', sequenceId: 2, released: true, actions: [] },
        { nodeId: 'dock-2', sequenceId: 4, released: false, actions: [] },
      ],
      edges: [
        { edgeId: 'e-012', sequenceId: 1, released: true, startNodeId: 'n-026', endNodeId: 'n-004', actions: [] },
        { edgeId: 'e-002', sequenceId: 3, released: false, startNodeId: 'n-004', endNodeId: 'dock-2', actions: [] },
      ],
    });
    const waiting = await stateWhere('SIM-0001', (s) => s.orderId === 'int-order-2' && s.lastNodeId === 'n-004' && !s.driving);
    expect(waiting).toMatchObject({
      newBaseRequest: true,
      nodeStates: [{ nodeId: 'dock-2', sequenceId: 4, released: false }],
      edgeStates: [{ edgeId: 'e-002', sequenceId: 3, released: false }],
    });
    await sleep(800);
    expect(latest('SIM-0001')).toMatchObject({ lastNodeId: 'n-004', driving: false, agvPosition: { x: 18, y: 6 } });
    await send('SIM-0001', 'order', {
      orderId: 'int-order-2',
      orderUpdateId: 1,
      nodes: [
        { nodeId: 'n-004', sequenceId: 2, released: true, actions: [] },
        { nodeId: 'dock-2', sequenceId: 4, released: true, actions: [] },
      ],
      edges: [{ edgeId: 'e-002', sequenceId: 3, released: true, startNodeId: 'n-004', endNodeId: 'dock-2', actions: [] }],
    });
    const end = await stateWhere('SIM-0001', (s) => s.orderUpdateId === 1 && s.lastNodeId === 'dock-2' && !s.driving);
    expect(end).toMatchObject({ lastNodeSequenceId: 4, nodeStates: [], edgeStates: [], errors: [] });
    expect(fleet.executions()['SIM-0001']).toMatchObject({ order: 3, pick: 1, initPosition: 1 });
  });

  it('pauses, resumes and cancels; rejects an invalid order; runs a repeated actionId once', async () => {
    await initPosition('SIM-0002', 'r2-init', 18, 2.5, 'dock-2');
    await stateWhere('SIM-0002', (s) => finished(s, 'r2-init'));
    await send('SIM-0002', 'order', {
      orderId: 'int-order-3',
      orderUpdateId: 0,
      nodes: [
        { nodeId: 'dock-2', sequenceId: 0, released: true, actions: [] },
        { nodeId: 'n-004', sequenceId: 2, released: true, actions: [] },
        { nodeId: 'n-026', sequenceId: 4, released: true, actions: [] },
        { nodeId: 'n-002', sequenceId: 6, released: true, actions: [{ actionId: 'int-drop-3', actionType: 'drop', blockingType: 'HARD' }] },
      ],
      edges: [
        { edgeId: 'e-002', sequenceId: 1, released: true, startNodeId: 'dock-2', endNodeId: 'n-004', actions: [] },
        { edgeId: 'e-012', sequenceId: 3, released: true, startNodeId: 'n-004', endNodeId: 'n-026', actions: [] },
        { edgeId: 'e-011', sequenceId: 5, released: true, startNodeId: 'n-026', endNodeId: 'n-002', actions: [] },
      ],
    });
    await stateWhere('SIM-0002', (s) => s.orderId === 'int-order-3' && s.driving);
    await send('SIM-0002', 'instantActions', { actions: [{ actionId: 'int-pause-1', actionType: 'startPause', blockingType: 'HARD' }] });
    const paused = await stateWhere('SIM-0002', (s) => s.paused === true && !s.driving && finished(s, 'int-pause-1'));
    await sleep(600);
    expect(latest('SIM-0002')?.agvPosition).toEqual(paused.agvPosition);
    await send('SIM-0002', 'instantActions', { actions: [{ actionId: 'int-resume-1', actionType: 'stopPause', blockingType: 'HARD' }] });
    await stateWhere('SIM-0002', (s) => s.paused === false && s.driving && finished(s, 'int-resume-1'));

    const t = Date.now();
    await send('SIM-0002', 'instantActions', { actions: [{ actionId: 'int-cancel-1', actionType: 'cancelOrder', blockingType: 'HARD' }] });
    const cancelled = await stateWhere('SIM-0002', (s) => finished(s, 'int-cancel-1'), t);
    expect(cancelled).toMatchObject({ orderId: 'int-order-3', nodeStates: [], edgeStates: [], driving: false });
    expect(cancelled.actionStates.find((a) => a.actionId === 'int-drop-3')?.actionStatus).toBe('FAILED');

    // Not an order at all per the schema (no nodes): reported as a validationError with references.
    await send('SIM-0002', 'order', { orderId: 'int-bad', orderUpdateId: 0, edges: [] });
    const rejected = await stateWhere('SIM-0002', (s) => s.errors.some((e) => e.errorType === 'validationError'));
    expect(rejected.errors.find((e) => e.errorType === 'validationError')).toMatchObject({
      errorLevel: 'WARNING',
      errorReferences: expect.arrayContaining([{ referenceKey: 'topic', referenceValue: 'order' }]),
    });

    const dup = { actions: [{ actionId: 'int-dup-1', actionType: 'startPause', blockingType: 'HARD' }] };
    await send('SIM-0002', 'instantActions', dup);
    await send('SIM-0002', 'instantActions', dup);
    await stateWhere('SIM-0002', (s) => s.paused === true);
    await send('SIM-0002', 'instantActions', { actions: [{ actionId: 'int-dup-2', actionType: 'stopPause', blockingType: 'HARD' }] });
    await stateWhere('SIM-0002', (s) => finished(s, 'int-dup-2'));
    await send('SIM-0002', 'instantActions', dup);
    await sleep(400);
    expect(latest('SIM-0002')?.paused).toBe(false);
    expect(latest('SIM-0002')?.actionStates.filter((a) => a.actionId === 'int-dup-1')).toHaveLength(1);
    expect(fleet.executions()['SIM-0002']).toMatchObject({ startPause: 2, stopPause: 2, cancelOrder: 1, order: 1 });
  });

  it('advertises only supported actions and refuses the others', async () => {
    const sheet = await until('SIM-0003: factsheet', () => log.find((r) => r.serial === 'SIM-0003' && r.topic === 'factsheet'));
    const fs = parsed<{ protocolFeatures: { agvActions: { actionType: string }[] } }>(sheet)!;
    expect(validator.validate('factsheet', '2.0.0', fs)).toEqual({ ok: true });
    expect(fs.protocolFeatures.agvActions.map((a) => a.actionType)).not.toContain('startCharging');
    await send('SIM-0003', 'instantActions', {
      actions: [{ actionId: 'int-charge-1', actionType: 'startCharging', blockingType: 'HARD' }],
    });
    const s = await stateWhere('SIM-0003', (x) => x.actionStates.some((a) => a.actionId === 'int-charge-1'));
    expect(s.actionStates.find((a) => a.actionId === 'int-charge-1')).toMatchObject({
      actionStatus: 'FAILED',
      resultDescription: expect.stringContaining('not supported'),
    });
    expect(s.batteryState.charging).toBe(false);
  });

  it('shows each injected fault', async () => {
    const R = 'SIM-0003';
    fleet.injectFault(R, { kind: 'emergencyStop' });
    await stateWhere(
      R,
      (s) =>
        s.safetyState.eStop === 'MANUAL' && s.errors.some((e) => e.errorType === 'emergencyStop' && e.errorLevel === 'FATAL') && !s.driving,
    );
    fleet.injectFault(R, { kind: 'batteryFault' });
    const b0 = await stateWhere(R, (s) => s.errors.some((e) => e.errorType === 'batteryFault'));
    await sleep(2200);
    expect(latest(R)!.batteryState.batteryCharge).toBeLessThan(b0.batteryState.batteryCharge - 0.5);
    expect(fleet.faults()[R]?.map((f) => f.kind)).toEqual(['emergencyStop', 'batteryFault']);
    fleet.clearFault(R);
    await stateWhere(R, (s) => s.safetyState.eStop === 'NONE' && s.errors.length === 0);
    expect(fleet.faults()).toEqual({});

    // Malformed: every state/visualization is broken JSON or fails the official schema.
    let t = Date.now();
    fleet.injectFault(R, { kind: 'malformed', share: 1 });
    await sleep(1500);
    fleet.clearFault(R, 'malformed');
    const bad = log.filter(
      (r) => r.serial === R && r.at >= t + 50 && r.at < Date.now() - 50 && (r.topic === 'state' || r.topic === 'visualization'),
    );
    expect(bad.length).toBeGreaterThan(5);
    for (const r of bad) {
      const m = parsed<{ version?: string }>(r);
      expect(m === null || !validator.validate(r.topic as 'state', '2.0.0', m).ok).toBe(true);
    }

    // Drop: with share 1 on visualization, visualization stops while state continues.
    fleet.injectFault(R, { kind: 'drop', share: 1, topics: ['visualization'] });
    await sleep(200);
    t = Date.now();
    await sleep(1500);
    const during = log.filter((r) => r.serial === R && r.at >= t);
    expect(during.filter((r) => r.topic === 'visualization')).toHaveLength(0);
    expect(during.filter((r) => r.topic === 'state').length).toBeGreaterThanOrEqual(1);
    fleet.clearFault(R, 'drop');

    // Delay: messages arrive late against their own timestamps.
    fleet.injectFault(R, { kind: 'delay', ms: 400 });
    await sleep(1200);
    t = Date.now();
    await sleep(800);
    const late = log
      .filter((r) => r.serial === R && r.at >= t && r.topic === 'visualization')
      .map((r) => r.at - Date.parse(parsed<{ timestamp: string }>(r)!.timestamp));
    expect(late.length).toBeGreaterThan(3);
    expect(Math.min(...late)).toBeGreaterThanOrEqual(350);
    fleet.clearFault(R, 'delay');

    // Freeze: keeps publishing but ignores commands.
    fleet.injectFault(R, { kind: 'freeze' });
    await send(R, 'instantActions', { actions: [{ actionId: 'int-frozen-1', actionType: 'startPause', blockingType: 'HARD' }] });
    t = Date.now();
    await sleep(1200);
    expect(states(R, t).length).toBeGreaterThanOrEqual(1);
    expect(states(R, t).every((s) => s.paused === false && !s.actionStates.some((a) => a.actionId === 'int-frozen-1'))).toBe(true);
    fleet.clearFault(R, 'freeze');

    const connection = (since: number) =>
      log
        .filter((r) => r.serial === R && r.topic === 'connection' && r.at >= since)
        .map((r) => parsed<ConnectionMessage>(r)!.connectionState);
    t = Date.now();
    fleet.injectFault(R, { kind: 'disconnect' });
    await until(`${R}: OFFLINE`, () => connection(t).includes('OFFLINE'));
    fleet.clearFault(R, 'disconnect');
    await until(`${R}: ONLINE`, () => connection(t).includes('ONLINE'));

    t = Date.now();
    fleet.injectFault(R, { kind: 'die' });
    await until(`${R}: CONNECTIONBROKEN`, () => connection(t).includes('CONNECTIONBROKEN'));
    await sleep(300);
    const silentFrom = Date.now();
    await sleep(500);
    expect(log.filter((r) => r.serial === R && r.at >= silentFrom)).toHaveLength(0);
    t = Date.now();
    fleet.clearFault(R, 'die');
    await until(`${R}: ONLINE`, () => connection(t).includes('ONLINE'));
    expect((await stateWhere(R, () => true, t)).headerId).toBe(0);
  });

  it('sent only schema-valid state messages outside the malformed window', () => {
    // SIM-0003's malformed window is checked above; its other states and all of the others' must validate.
    const checked = log.filter((r) => r.topic === 'state' && r.serial !== 'SIM-0003');
    expect(checked.length).toBeGreaterThan(20);
    for (const r of checked) {
      const result = validator.validate('state', '2.0.0', parsed(r));
      expect(result, r.raw.slice(0, 300)).toEqual({ ok: true });
    }
  });
});
