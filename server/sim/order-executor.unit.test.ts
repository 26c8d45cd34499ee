import { describe, expect, it } from 'vitest';
import { buildAgvState } from './agv-messages';
import { action, makeCtx, modelAt, order, run } from './agv-test-fixtures';
import { receiveInstantActions } from './instant-actions';
import { receiveOrder } from './order-accept';
import { HeaderSequence } from './vda-messages';

const PATH = ['dock-1', 'n-002', 'n-026', 'n-004', 'dock-2'];
const ctx = makeCtx();
const headers = new HeaderSequence('SimRobotics', 'T-1');
const stateOf = (m: Parameters<typeof buildAgvState>[1]) => buildAgvState(headers.next('state', new Date(0).toISOString()), m, ctx);
const instant = (id: string, type: string) => ({ ...order('x', 0, ['dock-1']), actions: [action(id, type, 'HARD')] });

describe('order executor', () => {
  it('drives a released order to its last node, runs the node action there and finishes', () => {
    const m = modelAt('dock-1');
    expect(receiveOrder(m, order('o1', 0, PATH, { actionsAt: { 'dock-2': [action('a-pick', 'pick')] } }), ctx)).toBe('accepted');
    let s = stateOf(m);
    expect(s.lastNodeId).toBe('dock-1');
    expect(s.nodeStates.map((n) => n.nodeId)).toEqual(PATH.slice(1));
    expect(s.edgeStates).toHaveLength(4);
    expect(s.actionStates).toEqual([{ actionId: 'a-pick', actionType: 'pick', actionStatus: 'WAITING' }]);

    run(m, ctx, 10);
    s = stateOf(m);
    expect(s.driving).toBe(true);
    expect(s.distanceSinceLastNode).toBeGreaterThanOrEqual(0);
    run(m, ctx, 120, (x) => x.order?.done === true);
    s = stateOf(m);
    expect(m.order?.done).toBe(true);
    expect(s).toMatchObject({ orderId: 'o1', lastNodeId: 'dock-2', lastNodeSequenceId: 8, driving: false, nodeStates: [], edgeStates: [] });
    expect(s.actionStates[0]?.actionStatus).toBe('FINISHED');
    expect(s.loads).toEqual([{ loadId: 'load-a-pick' }]);
    expect(m.ledger.executions()).toEqual({ order: 1, pick: 1 });
  });

  it('stops at the decision point before an unreleased horizon and continues after an update from the last base node', () => {
    const m = modelAt('dock-1');
    receiveOrder(m, order('o2', 0, PATH, { released: 3 }), ctx);
    expect(stateOf(m).nodeStates.map((n) => n.released)).toEqual([true, true, false, false]);
    run(m, ctx, 60);
    let s = stateOf(m);
    expect(s).toMatchObject({ lastNodeId: 'n-026', lastNodeSequenceId: 4, driving: false, newBaseRequest: true });
    expect(s.nodeStates.map((n) => n.nodeId)).toEqual(['n-004', 'dock-2']);
    expect(m.order?.done).toBe(false);

    expect(receiveOrder(m, order('o2', 1, ['n-026', 'n-004', 'dock-2'], { firstSeq: 4 }), ctx)).toBe('updated');
    run(m, ctx, 60, (x) => x.order?.done === true);
    s = stateOf(m);
    expect(s).toMatchObject({
      orderUpdateId: 1,
      lastNodeId: 'dock-2',
      lastNodeSequenceId: 8,
      nodeStates: [],
      newBaseRequest: false,
      errors: [],
    });
  });

  it('rejects an update that does not start at the last base node, ignores a repeat and rejects a lower orderUpdateId', () => {
    const m = modelAt('dock-1');
    receiveOrder(m, order('o3', 1, PATH, { released: 3 }), ctx);
    expect(receiveOrder(m, order('o3', 2, ['n-002', 'n-026'], { firstSeq: 2 }), ctx)).toBe('rejected');
    expect(stateOf(m).errors.map((e) => e.errorType)).toEqual(['orderUpdateError']);
    expect(stateOf(m).errors[0]?.errorReferences).toContainEqual({ referenceKey: 'orderId', referenceValue: 'o3' });
    expect(receiveOrder(m, order('o3', 1, PATH, { released: 3 }), ctx)).toBe('ignored');
    expect(receiveOrder(m, order('o3', 0, PATH), ctx)).toBe('rejected');
    expect(stateOf(m).errors.map((e) => e.errorType)).toEqual(['orderUpdateError', 'orderUpdateError']);
    expect(m.ledger.executions().order).toBe(1);
  });

  it('rejects a new orderId while an order runs, and accepts one starting where it waits at the last base node', () => {
    const m = modelAt('dock-1');
    receiveOrder(m, order('o4', 0, PATH, { released: 2 }), ctx);
    run(m, ctx, 2);
    expect(receiveOrder(m, order('o5', 0, ['dock-1', 'n-002']), ctx)).toBe('rejected');
    expect(stateOf(m).errors[0]?.errorType).toBe('orderError');
    run(m, ctx, 30);
    expect(m.robot.lastNodeId).toBe('n-002');
    expect(receiveOrder(m, order('o6', 0, ['n-002', 'n-025']), ctx)).toBe('accepted');
    expect(stateOf(m).errors).toEqual([]);
    run(m, ctx, 30, (x) => x.order?.done === true);
    expect(m.robot.lastNodeId).toBe('n-025');
  });

  it('rejects structurally broken orders and unreachable first nodes', () => {
    const m = modelAt('dock-1');
    const broken = order('o7', 0, PATH);
    broken.edges[1]!.endNodeId = 'dock-3';
    expect(receiveOrder(m, broken, ctx)).toBe('rejected');
    expect(m.errors[0]?.errorType).toBe('validationError');
    expect(receiveOrder(m, order('o8', 0, ['n-026', 'n-004']), ctx)).toBe('rejected');
    expect(m.errors[1]?.errorType).toBe('noRouteError');
    expect(m.order).toBeNull();
  });

  it('respects edge maxSpeed', () => {
    const m = modelAt('dock-1');
    receiveOrder(m, order('o9', 0, PATH, { maxSpeed: 0.4 }), ctx);
    let top = 0;
    run(m, ctx, 30, (x) => ((top = Math.max(top, x.robot.motion.speed)), false));
    expect(top).toBeGreaterThan(0.3);
    expect(top).toBeLessThanOrEqual(0.4 + 1e-9);
  });

  it('fails unsupported action types with a reason and still completes the order', () => {
    const m = modelAt('dock-1');
    receiveOrder(m, order('o10', 0, ['dock-1', 'n-002'], { actionsAt: { 'n-002': [action('a-x', 'launchRocket')] } }), ctx);
    run(m, ctx, 30, (x) => x.order?.done === true);
    expect(m.actions[0]).toMatchObject({ status: 'FAILED', resultDescription: expect.stringContaining('launchRocket') });
  });

  it('cancelOrder stops between nodes, clears node and edge states and fails unfinished order actions', () => {
    const m = modelAt('dock-1');
    receiveOrder(m, order('o11', 0, PATH, { actionsAt: { 'dock-2': [action('a-drop', 'drop')] } }), ctx);
    run(m, ctx, 4);
    expect(m.robot.motion.speed).toBeGreaterThan(0);
    receiveInstantActions(m, instant('c1', 'cancelOrder'), ctx);
    const s = stateOf(m);
    expect(s).toMatchObject({ orderId: 'o11', driving: false, nodeStates: [], edgeStates: [] });
    expect(s.actionStates.map((a) => [a.actionId, a.actionStatus])).toEqual([
      ['a-drop', 'FAILED'],
      ['c1', 'FINISHED'],
    ]);
    const at = { ...m.robot.motion };
    run(m, ctx, 3);
    expect(m.robot.motion.x).toBe(at.x);
    expect(m.robot.motion.y).toBe(at.y);
    // A new order from the last passed node is accepted after the cancel.
    expect(receiveOrder(m, order('o12', 0, [m.robot.lastNodeId, 'n-026']), ctx)).toBe('accepted');
  });
});
