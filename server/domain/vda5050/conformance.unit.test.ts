// The conformance rules on message sequences: a well-behaved robot passes every rule it was put to, and each
// misbehaviour fails its rule, with the messages that show it.
import { describe, expect, it } from 'vitest';
import { stateMessage } from '../testing/fixtures';
import { createConformanceTracker, type Observed, type RuleResult } from './conformance';
import type { StateMessage } from './messages';

const T0 = 1_800_000_000_000;

function robot() {
  const tracker = createConformanceTracker();
  const ids: Record<string, number> = {};
  const next = (topic: string, headerId?: number) => {
    const id = headerId ?? ids[topic] ?? 0;
    ids[topic] = id + 1;
    return id;
  };
  let out = 0;
  return {
    online(at: number) {
      const id = next('connection');
      tracker.observe({ direction: 'in', topic: 'connection', headerId: id, at, message: { connectionState: 'ONLINE' } } as Observed);
      tracker.header('connection', id, at);
    },
    state(at: number, s: Partial<StateMessage> = {}, headerId?: number) {
      const id = next('state', headerId);
      tracker.observe({ direction: 'in', topic: 'state', headerId: id, at, message: stateMessage(s) });
      tracker.header('state', id, at);
    },
    factsheet(at: number, actionTypes: string[]) {
      tracker.observe({
        direction: 'in',
        topic: 'factsheet',
        headerId: next('factsheet'),
        at,
        message: { protocolFeatures: { agvActions: actionTypes.map((actionType) => ({ actionType })) } },
      } as unknown as Observed);
    },
    /** `baseEnd`: the last released sequenceId; nodes at 0, 2, … up to `lastSeq`. */
    order(at: number, orderId: string, orderUpdateId: number, baseEnd = 6, lastSeq = 6) {
      const nodes = [];
      for (let seq = 0; seq <= lastSeq; seq += 2) nodes.push({ sequenceId: seq, released: seq <= baseEnd });
      tracker.observe({ direction: 'out', topic: 'order', headerId: out++, at, message: { orderId, orderUpdateId, nodes } });
    },
    instant(at: number, actionId: string, actionType: string) {
      tracker.observe({ direction: 'out', topic: 'instantActions', headerId: out++, at, message: { actions: [{ actionId, actionType }] } });
    },
    verdicts(now: number): Record<string, RuleResult> {
      return Object.fromEntries(tracker.report(now).map((r) => [r.id, r]));
    },
  };
}

/** A state of order o-1 at node `lastSeq` with nodes `ahead`; those after `baseEnd` reported unreleased. */
const orderState = (lastSeq: number, ahead: number[], extra: Partial<StateMessage> = {}, baseEnd = 4): Partial<StateMessage> => ({
  orderId: 'o-1',
  orderUpdateId: 0,
  lastNodeId: `n${lastSeq}`,
  lastNodeSequenceId: lastSeq,
  nodeStates: ahead.map((seq) => ({ nodeId: `n${seq}`, sequenceId: seq, released: seq <= baseEnd })),
  edgeStates: ahead.map((seq) => ({ edgeId: `e${seq - 1}`, sequenceId: seq - 1, released: true })),
  ...extra,
});

/** A robot that does everything right for a minute: connects, states every second, drives an order, cancels. */
function wellBehaved() {
  const r = robot();
  r.online(T0);
  r.factsheet(T0 + 10, ['startPause', 'stopPause', 'cancelOrder', 'pick']);
  r.state(T0 + 100);
  // Base to sequence 4, node 6 is horizon: the robot stops at 4 and reports 6 unreleased.
  r.order(T0 + 1000, 'o-1', 0, 4);
  r.state(T0 + 1100, orderState(0, [2, 4, 6]));
  r.state(T0 + 2000, orderState(2, [4, 6], { actionStates: [{ actionId: 'p', actionType: 'pick', actionStatus: 'RUNNING' }] }));
  r.instant(T0 + 2500, 'pause-1', 'startPause');
  r.state(
    T0 + 2600,
    orderState(2, [4, 6], { actionStates: [{ actionId: 'pause-1', actionType: 'startPause', actionStatus: 'FINISHED' }] }),
  );
  for (let s = 3; s < 40; s++) r.state(T0 + s * 1000, orderState(4, [6], { driving: false }));
  r.instant(T0 + 40_500, 'cancel-1', 'cancelOrder');
  r.state(T0 + 40_600, {
    ...orderState(4, []),
    actionStates: [
      { actionId: 'p', actionType: 'pick', actionStatus: 'FAILED' },
      { actionId: 'cancel-1', actionType: 'cancelOrder', actionStatus: 'FINISHED' },
    ],
  });
  r.state(T0 + 41_000, orderState(4, []));
  return r;
}

describe('conformance rules', () => {
  it('a well-behaved robot passes every rule', () => {
    const v = wellBehaved().verdicts(T0 + 42_000);
    for (const [id, r] of Object.entries(v)) expect(r.verdict, `${id}: ${r.detail}`).toBe('PASS');
    expect(v['order-accepted']!.evidence.map((e) => `${e.direction} ${e.topic}`)).toEqual(['out order', 'in state']);
  });

  it('rules with nothing to judge yet are INCONCLUSIVE, saying what they wait for', () => {
    const r = robot();
    r.online(T0);
    r.state(T0 + 100);
    const v = r.verdicts(T0 + 200);
    expect(v['instant-actions-final']).toMatchObject({ verdict: 'INCONCLUSIVE', detail: 'no instant action sent yet' });
    expect(v['reconnect-state']!.verdict).toBe('PASS');
  });

  it('headerId falling without a reconnect fails, with both messages', () => {
    const r = robot();
    r.online(T0);
    r.state(T0 + 100, {}, 5);
    r.state(T0 + 200, {}, 3);
    const v = r.verdicts(T0 + 300)['header-ids']!;
    expect(v).toMatchObject({ verdict: 'FAIL', detail: 'state headerId went from 5 to 3 without a reconnect' });
    expect(v.evidence.map((e) => e.headerId)).toEqual([5, 3]);
    // After a reconnect, starting again at 0 is allowed.
    const ok = robot();
    ok.state(T0, {}, 9);
    ok.online(T0 + 100);
    ok.state(T0 + 200, {}, 0);
    expect(ok.verdicts(T0 + 300)['header-ids']!.verdict).toBe('PASS');
  });

  it('a silent robot (no state for 40 s while online) and a reconnect without a state fail', () => {
    const r = robot();
    r.online(T0);
    r.state(T0 + 100);
    expect(r.verdicts(T0 + 40_000)['state-interval']).toMatchObject({ verdict: 'FAIL', detail: 'no state for 40 s while online' });
    const quiet = robot();
    quiet.online(T0);
    expect(quiet.verdicts(T0 + 11_000)['reconnect-state']).toMatchObject({ verdict: 'FAIL' });
  });

  it('an instant action never final, an order never shown, and an orderUpdateId that falls fail', () => {
    const r = robot();
    r.online(T0);
    r.instant(T0 + 100, 'pause-9', 'startPause');
    r.order(T0 + 100, 'o-1', 0);
    r.state(T0 + 200, { actionStates: [{ actionId: 'pause-9', actionType: 'startPause', actionStatus: 'RUNNING' }] });
    const v = r.verdicts(T0 + 31_000);
    expect(v['instant-actions-final']).toMatchObject({
      verdict: 'FAIL',
      detail: 'startPause pause-9 did not reach FINISHED or FAILED within 30 s',
    });
    expect(v['order-accepted']).toMatchObject({ verdict: 'FAIL', detail: 'order o-1/0 never showed in the state within 30 s' });
    const back = robot();
    back.state(T0, orderState(0, [2], { orderUpdateId: 2 }));
    back.state(T0 + 100, orderState(0, [2], { orderUpdateId: 1 }));
    expect(back.verdicts(T0 + 200)['order-accepted']).toMatchObject({ verdict: 'FAIL', detail: 'orderUpdateId of o-1 fell from 2 to 1' });
  });

  it('traversed nodes kept in the state fail', () => {
    const r = robot();
    r.state(T0, orderState(2, [2, 4]));
    expect(r.verdicts(T0 + 100)['traversed-removed']).toMatchObject({
      verdict: 'FAIL',
      detail: 'node n2 (sequence 2) is still reported after lastNodeSequenceId 2',
    });
    // A new order's first node, not reached yet, may share the sequenceId the robot reports from before.
    const fresh = robot();
    fresh.state(T0, { ...orderState(0, [0, 2]), lastNodeId: 'elsewhere', edgeStates: [{ edgeId: 'e1', sequenceId: 1, released: true }] });
    expect(fresh.verdicts(T0 + 100)['traversed-removed']!.verdict).toBe('INCONCLUSIVE');
  });

  it('driving into the horizon, or reporting it released, fails; an update stitched onto the base moves its end', () => {
    const r = robot();
    r.online(T0);
    r.order(T0 + 100, 'o-1', 0, 2);
    r.state(T0 + 200, orderState(0, [2, 4], {}, 2));
    r.state(T0 + 300, orderState(2, [4], { driving: false }, 2));
    expect(r.verdicts(T0 + 400)['base-respected']!.verdict).toBe('PASS');
    // The update releases up to 6: driving on to 4 is fine now.
    r.order(T0 + 500, 'o-1', 1, 6);
    r.state(T0 + 600, orderState(4, [6], { orderUpdateId: 1 }, 6));
    expect(r.verdicts(T0 + 700)['base-respected']!.verdict).toBe('PASS');

    const greedy = robot();
    greedy.online(T0);
    greedy.order(T0 + 100, 'o-1', 0, 2);
    greedy.state(T0 + 200, orderState(4, [6], {}, 2));
    expect(greedy.verdicts(T0 + 300)['base-respected']).toMatchObject({
      verdict: 'FAIL',
      detail: 'it reached sequence 4, beyond the base (order o-1/0, base ending at sequence 2)',
    });
    const claims = robot();
    claims.online(T0);
    claims.order(T0 + 100, 'o-1', 0, 2);
    claims.state(T0 + 200, orderState(0, [2, 4]));
    expect(claims.verdicts(T0 + 300)['base-respected']!.detail).toBe(
      'it reports horizon node n4 (sequence 4) as released (order o-1/0, base ending at sequence 2)',
    );
  });

  it('a cancel reported FINISHED while the order goes on, and a cancel never answered, fail', () => {
    const r = robot();
    r.state(T0, orderState(2, [4, 6]));
    r.instant(T0 + 100, 'c-1', 'cancelOrder');
    r.state(T0 + 200, orderState(2, [4, 6], { actionStates: [{ actionId: 'c-1', actionType: 'cancelOrder', actionStatus: 'FINISHED' }] }));
    expect(r.verdicts(T0 + 300)['cancel-ends-order']).toMatchObject({
      verdict: 'FAIL',
      detail: 'cancelOrder reported FINISHED while 2 nodes and 0 actions of the order remain',
    });
    const mute = robot();
    mute.state(T0, orderState(2, [4]));
    mute.instant(T0 + 100, 'c-2', 'cancelOrder');
    expect(mute.verdicts(T0 + 31_000)['cancel-ends-order']!.verdict).toBe('FAIL');
  });

  it('an action the factsheet does not list fails, whichever came first', () => {
    const r = robot();
    r.state(T0, { actionStates: [{ actionId: 'x', actionType: 'dance', actionStatus: 'RUNNING' }] });
    r.factsheet(T0 + 100, ['startPause']);
    expect(r.verdicts(T0 + 200)['factsheet-actions']).toMatchObject({
      verdict: 'FAIL',
      detail: 'it ran dance, which its factsheet does not list',
    });
  });

  it('keeps at most six messages of evidence per rule however long the robot misbehaves', () => {
    const r = robot();
    for (let i = 0; i < 1000; i++) r.state(T0 + i, orderState(2, [2]));
    const v = r.verdicts(T0 + 2000)['traversed-removed']!;
    expect(v.evidence).toHaveLength(6);
    expect(v.detail).toMatch(/1000 times/);
  });
});
