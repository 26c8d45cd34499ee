// VDA 5050 3.0 in and out of the internal model, on messages written by hand from the official 3.0.0 schemas
// (each checked against the schema first, so the test cannot drift from the standard).
import { describe, expect, it } from 'vitest';
import { decodeRobotMessage } from './inbound';
import { createSchemaValidator } from '../../../protocol/schema-validator';
import { summariseFactsheet, supportsAction } from '../../../domain/vda5050/factsheet-summary';
import type { OrderBody } from '../../../domain/vda5050/messages';
import { outboundProtocolFor } from '../../../domain/vda5050/protocol-version';
import { instantActionsBodyToV3, orderBodyToV3 } from '../../../domain/vda5050/v3-outbound';

const schemas = createSchemaValidator();
const header = (headerId = 7) => ({
  headerId,
  timestamp: '2026-12-03T08:00:00.000Z',
  version: '3.0.0',
  manufacturer: 'Acme',
  serialNumber: 'A-1',
});
const topic = (sub: string, level = 'v3') => `uagv/${level}/Acme/A-1/${sub}`;

const state = {
  ...header(),
  orderId: 'o-1',
  orderUpdateId: 2,
  lastNodeId: 'n1',
  lastNodeSequenceId: 0,
  nodeStates: [{ nodeId: 'n2', sequenceId: 2, released: true, nodeDescriptor: 'dock 2' }],
  edgeStates: [{ edgeId: 'e1', sequenceId: 1, released: true, edgeDescriptor: 'aisle' }],
  driving: true,
  operatingMode: 'TEACH_IN',
  mobileRobotPosition: { x: 1.5, y: -2, theta: 0.25, mapId: 'm', localized: true, localizationScore: 0.9 },
  actionStates: [{ actionId: 'pick-1', actionType: 'pick', actionStatus: 'RETRIABLE', actionResult: 'no load found' }],
  instantActionStates: [{ actionId: 'p-1', actionType: 'startPause', actionStatus: 'FINISHED' }],
  powerSupply: { stateOfCharge: 42, charging: true, batteryVoltage: 47.5, range: 900 },
  errors: [
    { errorType: 'lidar', errorLevel: 'CRITICAL', errorDescription: 'front lidar blind' },
    { errorType: 'temp', errorLevel: 'WARNING' },
  ],
  information: [{ infoType: 'mode', infoLevel: 'INFO', infoDescriptor: 'teach-in by J.' }],
  safetyState: { activeEmergencyStop: 'REMOTE', fieldViolation: false },
  plannedPath: { trajectory: { controlPoints: [{ x: 1, y: 1 }] } },
};

const decode = (sub: string, m: object, level = 'v3') => decodeRobotMessage(topic(sub, level), Buffer.from(JSON.stringify(m)), schemas);

describe('VDA 5050 3.0 robot messages in the internal model', () => {
  it('the hand-written messages are valid 3.0.0', () => {
    expect(schemas.validate('state', '3.0.0', state)).toEqual({ ok: true });
  });

  it('a state: position, power, both action lists, safety, mode, errors and descriptors in 2.x terms', () => {
    const d = decode('state', state);
    if (d.ok !== true) throw new Error(`refused: ${'reason' in d ? d.reason : d}`);
    expect(d.text).toBe(JSON.stringify(state)); // the inspector keeps what the robot sent
    const m = d.msg.message as unknown as Record<string, unknown>;
    expect(m.agvPosition).toEqual({ x: 1.5, y: -2, theta: 0.25, mapId: 'm', positionInitialized: true, localizationScore: 0.9 });
    expect(m.batteryState).toEqual({ batteryCharge: 42, charging: true, batteryVoltage: 47.5, reach: 900 });
    expect(m.actionStates).toEqual([
      { actionId: 'pick-1', actionType: 'pick', actionStatus: 'RETRIABLE', resultDescription: 'no load found' },
      { actionId: 'p-1', actionType: 'startPause', actionStatus: 'FINISHED' },
    ]);
    expect(m.safetyState).toEqual({ eStop: 'REMOTE', fieldViolation: false });
    expect(m.operatingMode).toBe('TEACHIN');
    expect(m.errors).toEqual([
      { errorType: 'lidar', errorLevel: 'FATAL', errorDescription: 'front lidar blind (VDA 5050 3.0 level CRITICAL)' },
      { errorType: 'temp', errorLevel: 'WARNING' },
    ]);
    expect(m.nodeStates).toEqual([{ nodeId: 'n2', sequenceId: 2, released: true, nodeDescription: 'dock 2' }]);
    expect(m.edgeStates).toEqual([{ edgeId: 'e1', sequenceId: 1, released: true, edgeDescription: 'aisle' }]);
    expect(m.information).toEqual([{ infoType: 'mode', infoLevel: 'INFO', infoDescription: 'teach-in by J.' }]);
    for (const gone of ['mobileRobotPosition', 'powerSupply', 'instantActionStates', 'plannedPath']) expect(m).not.toHaveProperty(gone);
  });

  it('a visualization and the connection states', () => {
    const vis = { ...header(), referenceStateHeaderId: 6, mobileRobotPosition: { x: 3, y: 4, theta: 1, mapId: 'm', localized: false } };
    const d = decode('visualization', vis);
    expect(d.ok === true && d.msg.message).toMatchObject({ agvPosition: { x: 3, y: 4, theta: 1, mapId: 'm', positionInitialized: false } });
    const conn = (connectionState: string) => decode('connection', { ...header(), connectionState });
    expect(conn('CONNECTION_BROKEN')).toMatchObject({ ok: true, msg: { message: { connectionState: 'CONNECTIONBROKEN' } } });
    expect(conn('HIBERNATING')).toMatchObject({ ok: true, msg: { message: { connectionState: 'HIBERNATING' } } });
    // 2.x spelling on a 3.0 robot is a schema violation, not silently accepted.
    expect(conn('CONNECTIONBROKEN')).toMatchObject({ ok: false, reason: expect.stringMatching(/schema violation/) });
  });

  it('the topic level and the header version must agree', () => {
    expect(decode('state', state, 'v2')).toMatchObject({
      ok: false,
      reason: 'version 3.0.0 does not belong on the topic level v2 (expected v3)',
    });
    const v2Connection = { ...header(), version: '2.0.0', connectionState: 'ONLINE' };
    expect(decode('connection', v2Connection, 'v3')).toMatchObject({ ok: false, path: '/version' });
  });

  it('a 3.0 factsheet is summarised from its 3.0 names, initializePosition as the app calls it', () => {
    const s = summariseFactsheet({
      ...header(),
      typeSpecification: { seriesName: 'S', mobileRobotKinematics: 'OMNI', mobileRobotClass: 'CARRIER', maximumLoadMass: 500 },
      physicalParameters: {
        minimumSpeed: 0.01,
        maximumSpeed: 2,
        maximumAcceleration: 1,
        maximumDeceleration: 1.5,
        width: 0.8,
        length: 1.2,
      },
      protocolFeatures: {
        optionalParameters: [],
        mobileRobotActions: [
          { actionType: 'initializePosition', actionScopes: ['INSTANT'] },
          { actionType: 'startPause', actionScopes: ['INSTANT', 'ZONE'] },
        ],
      },
    });
    expect(s).toMatchObject({ agvKinematic: 'OMNI', agvClass: 'CARRIER', maxLoadMass: 500, speedMax: 2, decelerationMax: 1.5 });
    expect(supportsAction(s, 'initPosition', 'INSTANT')).toBe(true);
    expect(s.supportedActions[1]).toEqual({ actionType: 'startPause', scopes: ['INSTANT'] });
  });
});

describe('hostile 3.0 input', () => {
  it('10,000 mutated 3.0 states and visualizations never throw: each is accepted as a model or refused with a reason', () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const values: unknown[] = [null, 0, -1, 1e308, '', 'x', [], {}, [{}], true, { x: 1 }, [null], 'CRITICAL', 2 ** 32];
    const mutate = (v: unknown, depth: number): unknown => {
      if (depth > 4 || rnd() < 0.15) return values[Math.floor(rnd() * values.length)];
      if (Array.isArray(v)) return v.map((x) => mutate(x, depth + 1)).filter(() => rnd() > 0.1);
      if (v && typeof v === 'object') {
        const out: Record<string, unknown> = {};
        for (const [k, x] of Object.entries(v)) if (rnd() > 0.08) out[k] = rnd() < 0.3 ? mutate(x, depth + 1) : x;
        return out;
      }
      return v;
    };
    const vis = { ...header(), referenceStateHeaderId: 1, mobileRobotPosition: { x: 1, y: 2, theta: 0, mapId: 'm', localized: true } };
    let accepted = 0;
    for (let i = 0; i < 10_000; i++) {
      const [sub, base] = i % 2 ? (['visualization', vis] as const) : (['state', state] as const);
      const m = { ...(mutate(base, 0) as object), ...header(i) };
      const d = decode(sub, m);
      expect(d.ok === true || (d.ok === false && typeof d.reason === 'string')).toBe(true);
      if (d.ok === true) accepted++;
    }
    // Some mutations keep the message valid; they are read into the model too.
    expect(accepted).toBeGreaterThan(100);
  });
});

describe('master control to a 3.0 robot', () => {
  it('a 3.x robot is written 3.0.0 on the v3 level; 2.x as before; other majors are refused', () => {
    expect(outboundProtocolFor('3.0.0')).toEqual({ headerVersion: '3.0.0', topicVersion: 'v3' });
    expect(outboundProtocolFor('3.1.2')).toEqual({ headerVersion: '3.0.0', topicVersion: 'v3' });
    expect(outboundProtocolFor('2.1.0')).toEqual({ headerVersion: '2.1.0', topicVersion: 'v2' });
    expect(outboundProtocolFor('4.0.0')).toBeNull();
  });

  it('an order in 3.0 names, valid against the 3.0.0 schema', () => {
    const order: OrderBody = {
      orderId: 'o-9',
      orderUpdateId: 0,
      zoneSetId: 'z',
      nodes: [
        {
          nodeId: 'a',
          sequenceId: 0,
          released: true,
          nodeDescription: 'start',
          nodePosition: { x: 1, y: 2, mapId: 'm', allowedDeviationXY: 0.5, mapDescription: 'hall' },
          actions: [],
        },
        {
          nodeId: 'b',
          sequenceId: 2,
          released: true,
          actions: [{ actionType: 'pick', actionId: 'p', blockingType: 'HARD', actionDescription: 'pick it' }],
        },
      ],
      edges: [
        {
          edgeId: 'ab',
          sequenceId: 1,
          released: true,
          startNodeId: 'a',
          endNodeId: 'b',
          maxSpeed: 1.2,
          rotationAllowed: true,
          actions: [],
        },
      ],
    };
    const body = orderBodyToV3(order);
    expect(schemas.validate('order', '3.0.0', { ...header(), ...body })).toEqual({ ok: true });
    expect(body).toEqual({
      orderId: 'o-9',
      orderUpdateId: 0,
      nodes: [
        {
          nodeId: 'a',
          sequenceId: 0,
          released: true,
          actions: [],
          nodeDescriptor: 'start',
          nodePosition: { x: 1, y: 2, mapId: 'm', allowedDeviationXY: { a: 0.5, b: 0.5, theta: 0 } },
        },
        {
          nodeId: 'b',
          sequenceId: 2,
          released: true,
          actions: [{ actionType: 'pick', actionId: 'p', blockingType: 'HARD', actionDescriptor: 'pick it' }],
        },
      ],
      edges: [{ edgeId: 'ab', sequenceId: 1, released: true, actions: [], maximumSpeed: 1.2 }],
    });
  });

  it('instant actions: initPosition is initializePosition, and every one is blocking type NONE', () => {
    const body = instantActionsBodyToV3({
      actions: [
        { actionType: 'initPosition', actionId: 'i', blockingType: 'HARD', actionParameters: [{ key: 'x', value: 1 }] },
        { actionType: 'startPause', actionId: 'p', blockingType: 'HARD' },
      ],
    });
    expect(schemas.validate('instantActions', '3.0.0', { ...header(), ...body })).toEqual({ ok: true });
    expect(body.actions).toEqual([
      { actionType: 'initializePosition', actionId: 'i', blockingType: 'NONE', actionParameters: [{ key: 'x', value: 1 }] },
      { actionType: 'startPause', actionId: 'p', blockingType: 'NONE' },
    ]);
  });
});
