import { describe, expect, it } from 'vitest';
import type { ActionState, StateMessage } from './messages';
import { stateMessage } from '../testing/fixtures';
import { correlateState, newCorrelationMemory, type CorrelationMemory } from './state-correlation';

let headerId = 0;
function state(p: Partial<StateMessage> = {}): StateMessage {
  return stateMessage({ headerId: headerId++, timestamp: '2025-01-01T00:00:00.000Z', serialNumber: 'S', paused: undefined, ...p });
}
const act = (actionId: string, actionStatus: ActionState['actionStatus'], actionType = 'startPause'): ActionState => ({
  actionId,
  actionType,
  actionStatus,
});
const node = (nodeId: string, sequenceId: number) => ({ nodeId, sequenceId, released: true });

function run(states: StateMessage[]) {
  let mem: CorrelationMemory = newCorrelationMemory();
  const actions: unknown[] = [];
  const orders: unknown[] = [];
  for (const s of states) {
    const r = correlateState(7, mem, s, 1000);
    mem = r.memory;
    actions.push(...r.actions.map((a) => [a.actionId, a.from, a.to]));
    orders.push(
      ...r.orders.map((o) => [o.kind, o.orderId, o.orderUpdateId, 'nodeId' in o ? o.nodeId : 'errorType' in o ? o.errorType : null]),
    );
  }
  return { actions, orders, mem };
}

describe('state correlation', () => {
  it('reports each action status change once, however often the robot repeats it', () => {
    const r = run([
      state({ actionStates: [act('a1', 'WAITING')] }),
      state({ actionStates: [act('a1', 'WAITING')] }),
      state({ actionStates: [act('a1', 'RUNNING')] }),
      state({ actionStates: [act('a1', 'RUNNING'), act('a2', 'FAILED', 'stopCharging')] }),
      state({ actionStates: [act('a1', 'FINISHED'), act('a2', 'FAILED', 'stopCharging')] }),
      state({ actionStates: [act('a1', 'FINISHED')] }),
      state({ actionStates: [] }),
      state({ actionStates: [act('a1', 'FINISHED')] }), // re-reported after it vanished: not news
    ]);
    expect(r.actions).toEqual([
      ['a1', null, 'WAITING'],
      ['a1', 'WAITING', 'RUNNING'],
      ['a2', null, 'FAILED'],
      ['a1', 'RUNNING', 'FINISHED'],
    ]);
  });

  it('carries the action payload fields', () => {
    const r = correlateState(
      3,
      newCorrelationMemory(),
      state({ orderId: 'o', actionStates: [{ actionId: 'x', actionType: 'pick', actionStatus: 'FAILED', resultDescription: 'no load' }] }),
      42,
    );
    expect(r.actions[0]).toMatchObject({
      robotId: 3,
      ts: 42,
      actionId: 'x',
      actionType: 'pick',
      from: null,
      to: 'FAILED',
      resultDescription: 'no load',
      orderId: 'o',
    });
  });

  it('follows an order: accepted, nodes reached, update accepted, completed once', () => {
    const r = run([
      state(),
      state({
        orderId: 'o1',
        orderUpdateId: 0,
        lastNodeId: 'A',
        lastNodeSequenceId: 0,
        nodeStates: [node('B', 2), node('C', 4)],
        edgeStates: [{ edgeId: 'A-B', sequenceId: 1, released: true }],
      }),
      state({
        orderId: 'o1',
        orderUpdateId: 0,
        lastNodeId: 'A',
        lastNodeSequenceId: 0,
        nodeStates: [node('B', 2), node('C', 4)],
        driving: true,
      }),
      state({ orderId: 'o1', orderUpdateId: 0, lastNodeId: 'B', lastNodeSequenceId: 2, nodeStates: [node('C', 4)] }),
      state({ orderId: 'o1', orderUpdateId: 1, lastNodeId: 'B', lastNodeSequenceId: 2, nodeStates: [node('C', 4), node('D', 6)] }),
      state({ orderId: 'o1', orderUpdateId: 1, lastNodeId: 'D', lastNodeSequenceId: 6, nodeStates: [] }),
      state({ orderId: 'o1', orderUpdateId: 1, lastNodeId: 'D', lastNodeSequenceId: 6, nodeStates: [] }),
    ]);
    expect(r.orders).toEqual([
      ['accepted', 'o1', 0, null],
      ['node_reached', 'o1', 0, 'A'],
      ['node_reached', 'o1', 0, 'B'],
      ['accepted', 'o1', 1, null],
      ['node_reached', 'o1', 1, 'D'],
      ['completed', 'o1', 1, null],
    ]);
  });

  it('waits for running actions before calling an order completed', () => {
    const r = run([
      state({ orderId: 'o2', lastNodeId: 'C', lastNodeSequenceId: 0, actionStates: [act('pick-1', 'RUNNING', 'pick')] }),
      state({ orderId: 'o2', lastNodeId: 'C', lastNodeSequenceId: 0, actionStates: [act('pick-1', 'FINISHED', 'pick')] }),
    ]);
    expect(r.orders).toEqual([
      ['accepted', 'o2', 0, null],
      ['completed', 'o2', 0, null],
    ]);
  });

  it('tells a cancelled order from a completed one', () => {
    const r = run([
      state({ orderId: 'o4', lastNodeId: 'A', nodeStates: [node('B', 2)], actionStates: [] }),
      state({ orderId: 'o4', lastNodeId: 'A', nodeStates: [], actionStates: [act('c1', 'FINISHED', 'cancelOrder')] }),
    ]);
    expect(r.orders).toEqual([
      ['accepted', 'o4', 0, null],
      ['cancelled', 'o4', 0, null],
    ]);
  });

  it('reports order errors once with their references, and their clearing', () => {
    const err = {
      errorType: 'orderUpdateError',
      errorLevel: 'WARNING' as const,
      errorReferences: [
        { referenceKey: 'orderId', referenceValue: 'o3' },
        { referenceKey: 'orderUpdateId', referenceValue: '4' },
      ],
    };
    const r = run([
      state({ orderId: 'o3', orderUpdateId: 3 }),
      state({ orderId: 'o3', orderUpdateId: 3, errors: [err, { errorType: 'batteryLow', errorLevel: 'WARNING' }] }),
      state({ orderId: 'o3', orderUpdateId: 3, errors: [err] }),
      state({ orderId: 'o3', orderUpdateId: 3, errors: [] }),
      state({ orderId: 'o3', orderUpdateId: 3, errors: [{ errorType: 'noRouteError', errorLevel: 'FATAL' }] }),
    ]);
    expect(r.orders).toEqual([
      ['accepted', 'o3', 3, null],
      ['completed', 'o3', 3, null],
      ['error', 'o3', 4, 'orderUpdateError'],
      ['error_cleared', 'o3', 3, 'orderUpdateError'],
      ['error', 'o3', 3, 'noRouteError'],
    ]);
  });
});
