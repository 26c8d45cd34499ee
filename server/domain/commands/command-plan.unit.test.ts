import { describe, expect, it } from 'vitest';
import type { RobotView } from '../robot';
import { createRoutePlanner } from '../route-planner';
import { graphMap } from '../testing/fixtures';
import { CommandPlanError, planCommand, requiredActions, resolvePlace, validateCommand, wireIdsOf } from './command-plan';

// a — b — c(charger "Charger 1") — d(dock "Dock 4")
const map = graphMap(
  [
    { id: 'a', x: 0, y: 0 },
    { id: 'b', x: 5, y: 0 },
    { id: 'c', x: 10, y: 0, place: { kind: 'charger', name: 'Charger 1' } },
    { id: 'd', x: 15, y: 0, place: { kind: 'dock', name: 'Dock 4' } },
  ],
  [
    { id: 'ab', from: 'a', to: 'b' },
    { id: 'bc', from: 'b', to: 'c' },
    { id: 'cd', from: 'c', to: 'd' },
  ],
);
const planner = createRoutePlanner(map);
const robot = { id: 1, name: 'R1', lastNodeId: 'a', pose: { x: 0.2, y: 0, theta: 0, mapId: map.mapId } } as RobotView;
const ID = '6f1c1b7e-0000-4000-8000-000000000001';

describe('command plan', () => {
  it('carries the command id as the actionId of an instant action, so a resend is the same action', () => {
    const w = planCommand({ commandId: ID, type: 'pause', params: {}, robot, planner });
    expect(w).toMatchObject({ topic: 'instantActions', actions: [{ actionType: 'startPause', actionId: ID, blockingType: 'HARD' }] });
    expect(planCommand({ commandId: ID, type: 'pause', params: {}, robot, planner })).toEqual(w);
  });

  it('goes to a named place by the shortest route from the robot’s last node, as an order named after the command', () => {
    const w = planCommand({ commandId: ID, type: 'goTo', params: { place: 'dock 4' }, robot, planner });
    if (w.topic !== 'order') throw new Error('expected an order');
    expect(w.order.orderId).toBe(ID);
    expect(w.order.nodes.map((n) => n.nodeId)).toEqual(['a', 'b', 'c', 'd']);
    expect(wireIdsOf('goTo', ID)).toEqual({ actionId: null, orderId: ID });
  });

  it('charges at the nearest charger with startCharging at its node', () => {
    const w = planCommand({ commandId: ID, type: 'charge', params: {}, robot, planner });
    if (w.topic !== 'order') throw new Error('expected an order');
    expect(w.order.nodes.at(-1)).toMatchObject({ nodeId: 'c', actions: [{ actionType: 'startCharging', actionId: ID }] });
    expect(requiredActions('charge')).toEqual([{ actionType: 'startCharging', scope: 'NODE' }]);
  });

  it('re-initialises at a node with the spec parameters', () => {
    const w = planCommand({ commandId: ID, type: 'initPosition', params: { nodeId: 'b', theta: 1 }, robot, planner });
    if (w.topic !== 'instantActions') throw new Error('expected instant actions');
    expect(w.actions[0]!.actionParameters).toEqual([
      { key: 'x', value: 5 },
      { key: 'y', value: 0 },
      { key: 'theta', value: 1 },
      { key: 'mapId', value: map.mapId },
      { key: 'lastNodeId', value: 'b' },
    ]);
  });

  it('refuses unknown places, non-charger chargers and malformed parameters in words', () => {
    expect(() => resolvePlace(planner, 'Dock 99')).toThrow(`no node or place "Dock 99" on map ${map.mapId}`);
    expect(() => validateCommand(planner, 'charge', { chargerNodeId: 'a' })).toThrow('charge: a is not a charger node');
    expect(() => validateCommand(planner, 'goTo', {})).toThrow(CommandPlanError);
    expect(() => validateCommand(planner, 'pause', { now: true })).toThrow(CommandPlanError);
    expect(() => validateCommand(planner, 'initPosition', { x: 1, y: 2, theta: 0, lastNodeId: 'zz' })).toThrow('initPosition: no node zz');
  });

  it('cannot plan a route for a robot that has reported no position', () => {
    const lost = { ...robot, lastNodeId: null, pose: null } as RobotView;
    expect(() => planCommand({ commandId: ID, type: 'goTo', params: { nodeId: 'd' }, robot: lost, planner })).toThrow(
      'has reported no position yet',
    );
  });
});
