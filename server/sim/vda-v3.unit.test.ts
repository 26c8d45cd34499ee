// The simulated robot's VDA 5050 3.0 dialect: everything it sends passes the official 3.0.0 schemas (state while
// driving an order with an instant action running, visualization, factsheet, connection), and a 3.0 order or
// instant action written by hand is read into the shapes the robot's logic uses.
import { describe, expect, it } from 'vitest';
import { createSchemaValidator } from '../protocol/schema-validator';
import { buildAgvFactsheet, buildAgvState } from './agv-messages';
import { action, makeCtx, modelAt, order, planner, run } from './agv-test-fixtures';
import { speaksV3 } from './fleet';
import { deliver } from './robot-inbox';
import { buildVisualization, HeaderSequence } from './vda-messages';
import { connectionStateV3, factsheetToV3, instantActionsFromV3, orderFromV3, stateToV3, visualizationToV3 } from './vda-v3';

const schemas = createSchemaValidator();
const headers = new HeaderSequence('SimRobotics', 'SIM-0004', '3.0.0');
const now = '2026-12-03T08:00:00.000Z';
const valid = (topic: 'state' | 'visualization' | 'factsheet' | 'connection', m: object) =>
  expect(schemas.validate(topic, '3.0.0', m), JSON.stringify(m).slice(0, 300)).toEqual({ ok: true });

describe('the simulated robot speaking VDA 5050 3.0', () => {
  it('its state, visualization, factsheet and connection are valid 3.0.0, instant actions reported apart', () => {
    const ctx = makeCtx();
    const m = modelAt('n-002');
    const path = planner.shortestPath('n-002', 'dock-1')!;
    expect(deliver(m, 'order', JSON.stringify(order('o-1', 0, path)), ctx)).toMatchObject({ outcome: 'accepted' });
    deliver(m, 'instantActions', JSON.stringify({ ...order('x', 0, ['n-002']), actions: [action('p-1', 'startPause', 'HARD')] }), ctx);
    run(m, ctx, 1);
    const state = stateToV3(buildAgvState(headers.next('state', now), m, ctx), new Set(['p-1']));
    valid('state', state);
    expect(state.instantActionStates).toEqual([expect.objectContaining({ actionId: 'p-1', actionType: 'startPause' })]);
    expect((state.actionStates as { actionId: string }[]).some((a) => a.actionId === 'p-1')).toBe(false);
    expect(state).toMatchObject({ mobileRobotPosition: { localized: true }, powerSupply: { charging: false } });
    const vis = visualizationToV3(buildVisualization(headers.next('visualization', now), m.robot, 'warehouse-1'), headers.last('state'));
    valid('visualization', vis);
    expect(vis.referenceStateHeaderId).toBe(0);
    const factsheet = factsheetToV3(buildAgvFactsheet(headers.next('factsheet', now), ctx, 10));
    valid('factsheet', factsheet);
    expect(JSON.stringify(factsheet)).toContain('"initializePosition"');
    valid('connection', { ...headers.next('connection', now), connectionState: connectionStateV3('CONNECTIONBROKEN') });
  });

  it('a robot facing due west (θ = ±π) sends a heading the 3.0 schema accepts', () => {
    const m = modelAt('n-002');
    for (const theta of [Math.PI, -Math.PI, 3 * Math.PI, -Math.PI + 1e-9]) {
      m.robot = { ...m.robot, motion: { ...m.robot.motion, theta } };
      const vis = visualizationToV3(buildVisualization(headers.next('visualization', now), m.robot, 'warehouse-1'), 0);
      valid('visualization', vis);
    }
  });

  it('reads a hand-written 3.0 order: edges join the nodes around them, initializePosition is initPosition', () => {
    const h = { headerId: 3, timestamp: now, version: '3.0.0', manufacturer: 'SimRobotics', serialNumber: 'SIM-0004' };
    const o = orderFromV3({
      ...h,
      orderId: 'o-9',
      orderUpdateId: 1,
      nodes: [
        { nodeId: 'n-002', sequenceId: 0, released: true, actions: [] },
        {
          nodeId: 'n-003',
          sequenceId: 2,
          released: true,
          nodePosition: { x: 1, y: 2, mapId: 'warehouse-1', allowedDeviationXY: { a: 0.5, b: 0.25, theta: 0 } },
          actions: [{ actionId: 'a', actionType: 'pick', blockingType: 'SINGLE', actionDescriptor: 'pick the pallet' }],
        },
      ],
      edges: [{ edgeId: 'e', sequenceId: 1, released: true, maximumSpeed: 1.1, actions: [] }],
    });
    expect(o.edges[0]).toEqual({
      edgeId: 'e',
      sequenceId: 1,
      released: true,
      startNodeId: 'n-002',
      endNodeId: 'n-003',
      maxSpeed: 1.1,
      actions: [],
    });
    expect(o.nodes[1]!.nodePosition!.allowedDeviationXY).toBe(0.25);
    expect(o.nodes[1]!.actions[0]).toEqual({
      actionId: 'a',
      actionType: 'pick',
      blockingType: 'HARD',
      actionDescription: 'pick the pallet',
    });
    const ia = instantActionsFromV3({ ...h, actions: [{ actionId: 'i', actionType: 'initializePosition', blockingType: 'NONE' }] });
    expect(ia.actions[0]!.actionType).toBe('initPosition');
  });

  it('a 3.0 instant action reaches the robot through its inbox and is executed', () => {
    const ctx = makeCtx();
    const m = modelAt('n-002');
    const h = { headerId: 0, timestamp: now, version: '3.0.0', manufacturer: 'SimRobotics', serialNumber: 'SIM-0004' };
    const msg = { ...h, actions: [{ actionId: 'pause-1', actionType: 'startPause', blockingType: 'NONE' }] };
    expect(deliver(m, 'instantActions', JSON.stringify(msg), ctx, schemas)).toEqual({ topic: 'instantActions', ignored: [] });
    expect(m.robot.paused).toBe(true);
  });

  it('a share of the fleet speaks 3.0, spread evenly', () => {
    const v3 = (share: number) => Array.from({ length: 12 }, (_, i) => i + 1).filter((i) => speaksV3(i, share));
    expect(v3(0.25)).toEqual([4, 8, 12]);
    expect(v3(0)).toEqual([]);
    expect(v3(1)).toHaveLength(12);
  });
});
