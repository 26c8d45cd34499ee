import { describe, expect, it } from 'vitest';
import type { StateMessage } from '../vda5050/messages';
import { verdictFromState, type ReconcilableCommand } from './command-reconcile';

const order = (orderId: string, nodes: string[]) => ({
  topic: 'order',
  order: {
    orderId,
    orderUpdateId: 0,
    nodes: nodes.map((nodeId, i) => ({ nodeId, sequenceId: i * 2, released: true, actions: [] })),
    edges: [],
  },
});
const goTo: ReconcilableCommand = { type: 'goTo', actionId: null, orderId: 'o-1', wire: order('o-1', ['a', 'b', 'c']) };
const charge: ReconcilableCommand = { type: 'charge', actionId: 'o-2', orderId: 'o-2', wire: order('o-2', ['a', 'ch']) };
const pause: ReconcilableCommand = { type: 'pause', actionId: 'p-1', orderId: null, wire: { topic: 'instantActions', actions: [] } };

function state(o: Partial<StateMessage>): StateMessage {
  return {
    headerId: 1,
    timestamp: '',
    version: '2.0.0',
    manufacturer: 'M',
    serialNumber: 'S',
    orderId: '',
    orderUpdateId: 0,
    lastNodeId: '',
    lastNodeSequenceId: 0,
    nodeStates: [],
    edgeStates: [],
    driving: false,
    operatingMode: 'AUTOMATIC',
    actionStates: [],
    batteryState: { batteryCharge: 50, charging: false },
    errors: [],
    safetyState: { eStop: 'NONE', fieldViolation: false },
    ...o,
  } as StateMessage;
}

describe('verdictFromState', () => {
  it('a go-to whose order is empty at its destination succeeded', () => {
    expect(verdictFromState(goTo, state({ orderId: 'o-1', lastNodeId: 'c' }))).toMatchObject({ target: 'succeeded' });
  });
  it('a go-to still under way is acknowledged; one on another order or emptied elsewhere says nothing', () => {
    expect(
      verdictFromState(goTo, state({ orderId: 'o-1', lastNodeId: 'b', nodeStates: [{ nodeId: 'c', sequenceId: 4, released: true }] })),
    ).toMatchObject({ target: 'acknowledged' });
    expect(verdictFromState(goTo, state({ orderId: 'o-9', lastNodeId: 'c' }))).toBeNull();
    expect(verdictFromState(goTo, state({ orderId: 'o-1', lastNodeId: 'b' }))).toBeNull();
  });
  it('a go-to emptied by a finished cancelOrder was cancelled', () => {
    const s = state({
      orderId: 'o-1',
      lastNodeId: 'b',
      actionStates: [{ actionId: 'x', actionType: 'cancelOrder', actionStatus: 'FINISHED' }],
    });
    expect(verdictFromState(goTo, s)).toMatchObject({ target: 'cancelled', outcome: expect.stringContaining('cancelOrder') });
  });
  it('an action follows its actionState; a charge follows its startCharging action, arriving only runs it', () => {
    expect(
      verdictFromState(pause, state({ actionStates: [{ actionId: 'p-1', actionType: 'startPause', actionStatus: 'FINISHED' }] })),
    ).toMatchObject({ target: 'succeeded' });
    expect(
      verdictFromState(pause, state({ actionStates: [{ actionId: 'p-1', actionStatus: 'FAILED', resultDescription: 'no' }] })),
    ).toMatchObject({ target: 'failed', outcome: expect.stringContaining('no') });
    expect(verdictFromState(pause, state({}))).toBeNull();
    expect(verdictFromState(charge, state({ orderId: 'o-2', lastNodeId: 'ch' }))).toMatchObject({ target: 'running' });
    expect(
      verdictFromState(
        charge,
        state({
          orderId: 'o-2',
          lastNodeId: 'ch',
          actionStates: [{ actionId: 'o-2', actionType: 'startCharging', actionStatus: 'FINISHED' }],
        }),
      ),
    ).toMatchObject({ target: 'succeeded' });
  });
});
