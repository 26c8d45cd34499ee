import { describe, expect, it } from 'vitest';
import { boundDetail } from './event-detail-bounds';
import { createEventRateLimiter } from './event-rate-limit';
import { describeEvent } from './event-summary';
import { ALL_HISTORY_EVENT_KINDS } from './history/history-event';
import { mergeConnection, mergeSilence, mergeState, mergeVisualization, newRobotView } from './robot-merge';
import {
  actionEvent,
  counterGrowth,
  diffFaults,
  diffState,
  faultMemoryOf,
  newOrderMemory,
  orderEvent,
  type OrderMemory,
  type RecordedEvent,
} from './robot-events';
import { stateMessage } from './testing/fixtures';
import type { RobotActionTransition, RobotOrderEvent } from './vda5050/protocol-events';

const kinds = (es: { kind: string }[]) => es.map((e) => e.kind);
const base = { robotId: 1, ts: 1000, headerId: 1 };

describe('state diffs: driving and battery thresholds', () => {
  it('reports driving changes, not the first report', () => {
    const a = diffState(undefined, { driving: true, batteryCharge: 80, charging: false });
    expect(a.events).toEqual([]);
    const b = diffState(a.memory, { driving: false, batteryCharge: 80, charging: false });
    expect(kinds(b.events)).toEqual(['driving_stopped']);
    expect(kinds(diffState(b.memory, { driving: true, batteryCharge: 80, charging: false }).events)).toEqual(['driving_started']);
  });

  it('battery low below 20 %, recovered only above 25 %: noise around a threshold does not flap', () => {
    let m = diffState(undefined, { driving: false, batteryCharge: 21, charging: false }).memory;
    const seen: RecordedEvent[] = [];
    for (const pct of [19.9, 20.1, 19.8, 24.9, 20, 25.1, 24.8, 19.5]) {
      const r = diffState(m, { driving: false, batteryCharge: pct, charging: false });
      m = r.memory;
      seen.push(...r.events);
    }
    expect(kinds(seen)).toEqual(['battery_low', 'battery_recovered', 'battery_low']);
    expect(seen[0]!.detail).toMatchObject({ battery: 19.9, threshold: 20 });
    // A robot first seen with a low battery is news.
    expect(kinds(diffState(undefined, { driving: false, batteryCharge: 5, charging: true }).events)).toEqual(['battery_low']);
  });
});

describe('orders and actions', () => {
  const order = (o: Partial<RobotOrderEvent> & Pick<RobotOrderEvent, 'kind'>) =>
    ({ ...base, orderId: 'o1', orderUpdateId: 0, ...o }) as RobotOrderEvent;
  const action = (a: Partial<RobotActionTransition>): RobotActionTransition => ({
    ...base,
    actionId: 'a1',
    actionType: 'pick',
    from: 'RUNNING',
    to: 'FINISHED',
    resultDescription: null,
    orderId: 'o1',
    ...a,
  });
  const run = (steps: ({ o: RobotOrderEvent } | { a: RobotActionTransition })[], m: OrderMemory = newOrderMemory()) => {
    const out: RecordedEvent[] = [];
    for (const s of steps) {
      const r = 'o' in s ? orderEvent(m, s.o) : actionEvent(m, s.a);
      m = r.memory;
      out.push(...r.events);
    }
    return out;
  };
  const accepted = (id = 'o1', prev: string | null = 'o0', nodes = 3) =>
    order({ kind: 'accepted', orderId: id, previousOrderId: prev, previousOrderUpdateId: 0, nodes, edges: Math.max(0, nodes - 1) });

  it('accepted, updated, node reached, finished — each order ends once', () => {
    const es = run([
      { o: accepted() },
      { o: order({ kind: 'accepted', orderUpdateId: 1, previousOrderId: 'o1', previousOrderUpdateId: 0, nodes: 5, edges: 4 }) },
      { o: order({ kind: 'node_reached', nodeId: 'n2', sequenceId: 2, remainingNodes: 2 }) },
      { a: action({ from: 'WAITING', to: 'RUNNING' }) },
      { a: action({ from: 'RUNNING', to: 'FINISHED' }) },
      { o: order({ kind: 'completed', lastNodeId: 'n4' }) },
      { o: order({ kind: 'completed', lastNodeId: 'n4' }) },
    ]);
    expect(kinds(es)).toEqual(['order_accepted', 'order_updated', 'node_reached', 'action_state', 'action_state', 'order_finished']);
    expect(es[1]!.detail).toMatchObject({ orderId: 'o1', orderUpdateId: 1, from: 0 });
  });

  it('an order emptied with a failed action of its own failed; an instant action failing does not fail it', () => {
    const failed = run([
      { o: accepted() },
      { a: action({ to: 'FAILED', actionId: 'a9' }) },
      { o: order({ kind: 'completed', lastNodeId: 'n' }) },
    ]);
    expect(kinds(failed)).toEqual(['order_accepted', 'action_state', 'order_failed']);
    expect(failed[2]!.detail).toMatchObject({ reason: 'actionFailed', actionId: 'a9' });
    const instant = run([
      { o: accepted() },
      { a: action({ to: 'FAILED', actionType: 'startPause' }) },
      { o: order({ kind: 'completed', lastNodeId: 'n' }) },
    ]);
    expect(kinds(instant).at(-1)).toBe('order_finished');
  });

  it('a cancelled order and a refused order fail; an orderUpdateError does not', () => {
    expect(run([{ o: accepted() }, { o: order({ kind: 'cancelled', lastNodeId: 'n', cancelActionId: 'c' }) }]).at(-1)).toMatchObject({
      kind: 'order_failed',
      detail: { reason: 'cancelled' },
    });
    const err = (errorType: string) => order({ kind: 'error', errorType, errorLevel: 'WARNING', description: 'x', references: {} });
    expect(kinds(run([{ o: accepted() }, { o: err('noRouteError') }, { o: order({ kind: 'completed', lastNodeId: 'n' }) }]))).toEqual([
      'order_accepted',
      'order_failed',
    ]);
    expect(kinds(run([{ o: accepted() }, { o: err('orderUpdateError') }]))).toEqual(['order_accepted']);
  });

  it('an order first seen already finished (after a restart) is history, not news', () => {
    expect(run([{ o: accepted('o7', null, 0) }, { o: order({ kind: 'completed', orderId: 'o7', lastNodeId: 'n' }) }])).toEqual([]);
  });

  it('entering WAITING or INITIALIZING is not stored', () => {
    expect(actionEvent(newOrderMemory(), action({ from: null, to: 'WAITING' })).events).toEqual([]);
    expect(actionEvent(newOrderMemory(), action({ from: 'WAITING', to: 'INITIALIZING' })).events).toEqual([]);
  });
});

describe('protocol counters and faults', () => {
  it('counts growth, and starts over when the book restarted', () => {
    expect(counterGrowth({ invalid: 2, headerGaps: 1, lostMessages: 5 }, { invalid: 5, headerGaps: 1, lostMessages: 5 })).toEqual({
      invalid: 3,
      headerGaps: 0,
      lostMessages: 0,
    });
    expect(counterGrowth({ invalid: 9, headerGaps: 1, lostMessages: 5 }, { invalid: 1, headerGaps: 0, lostMessages: 0 })).toEqual({
      invalid: 1,
      headerGaps: 0,
      lostMessages: 0,
    });
  });

  it('injected (new kind or new parameters) and cleared faults', () => {
    const m = faultMemoryOf([{ kind: 'drop', share: 0.3 }]);
    expect(diffFaults(m, [{ kind: 'drop', share: 0.3 }])).toEqual([]);
    expect(diffFaults(m, [{ kind: 'drop', share: 0.5 }, { kind: 'freeze' }])).toEqual([
      { kind: 'fault_injected', detail: { kind: 'drop', share: 0.5 } },
      { kind: 'fault_injected', detail: { kind: 'freeze' } },
    ]);
    expect(diffFaults(m, [])).toEqual([{ kind: 'fault_cleared', detail: { fault: 'drop' } }]);
  });
});

describe('stale in the merge', () => {
  const online = mergeConnection(
    newRobotView(1, 'M', 'S'),
    { headerId: 1, timestamp: '', version: '2.0.0', manufacturer: 'M', serialNumber: 'S', connectionState: 'ONLINE' },
    1,
  ).view;

  it('stale once, cleared when the robot speaks again', () => {
    const s = mergeSilence(online, { state: 'stale', silentForMs: 3000 });
    expect(kinds(s.events)).toEqual(['stale']);
    expect(mergeSilence(s.view, { state: 'stale', silentForMs: 4000 }).events).toEqual([]);
    const back = mergeState(s.view, stateMessage(), 5000);
    expect(kinds(back.events)).toContain('stale_cleared');
    const viaViz = mergeVisualization(s.view, { headerId: 2, timestamp: '', version: '2.0.0', manufacturer: 'M', serialNumber: 'S' }, 5000);
    expect(kinds(viaViz.events)).toEqual(['stale_cleared']);
  });

  it('offline after silence: the connection event says it, no stale_cleared when back', () => {
    const off = mergeSilence(online, { state: 'offline', silentForMs: 10_000 });
    expect(kinds(off.events)).toEqual(['connection']);
    const back = mergeState(off.view, stateMessage(), 11_000);
    expect(kinds(back.events)).toContain('connection');
    expect(kinds(back.events)).not.toContain('stale_cleared');
  });
});

describe('rate limit', () => {
  it('at most `burst` per robot and kind in a window; the refused ride on the next one', () => {
    const l = createEventRateLimiter({ windowMs: 10_000, burst: 1 });
    expect(l.admit(1, 'protocol_violation', 0)).toEqual({ ok: true, suppressed: 0 });
    for (let t = 1; t < 10; t++) expect(l.admit(1, 'protocol_violation', t * 1000).ok).toBe(false);
    expect(l.admit(2, 'protocol_violation', 5000).ok).toBe(true); // another robot
    expect(l.admit(1, 'header_gap', 5000).ok).toBe(true); // another kind
    expect(l.admit(1, 'protocol_violation', 10_000)).toEqual({ ok: true, suppressed: 9 });
    expect(l.refused()).toBe(9);
  });

  it('keys are bounded', () => {
    const l = createEventRateLimiter({ windowMs: 10_000, burst: 1, maxKeys: 10 });
    for (let r = 0; r < 1000; r++) l.admit(r, 'k', 0);
    expect(l.admit(0, 'k', 1).ok).toBe(true); // evicted, so a fresh window: memory stays bounded
  });
});

describe('details and summaries', () => {
  it('a detail is bounded: keys, texts, arrays, nesting', () => {
    const big = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${i}`, 'x'.repeat(10_000)]));
    const b = boundDetail({ ...big, list: Array.from({ length: 100 }, (_, i) => i), deep: { a: { b: { c: 'x'.repeat(500) } } } });
    expect(Object.keys(b)).toHaveLength(16);
    expect(JSON.stringify(b).length).toBeLessThan(16 * 220);
    const nested = boundDetail({ list: Array.from({ length: 100 }, (_, i) => i), deep: { a: { b: { c: 'x'.repeat(500) } } } });
    expect(nested.list).toHaveLength(8);
    expect(JSON.stringify(nested).length).toBeLessThan(400);
    // An error's references stay objects.
    const refs = [{ referenceKey: 'orderId', referenceValue: 'o1' }];
    expect(boundDetail({ errorType: 'orderError', errorReferences: refs })).toEqual({ errorType: 'orderError', errorReferences: refs });
  });

  it('every kind has a level and a one-line summary, even with an empty or hostile detail', () => {
    for (const k of ALL_HISTORY_EVENT_KINDS) {
      for (const d of [{}, { orderId: 'x'.repeat(5000), title: { no: 1 }, battery: 'NaN' }]) {
        const s = describeEvent(k, d);
        expect(['info', 'warning', 'error']).toContain(s.level);
        expect(s.summary.length).toBeGreaterThan(0);
        expect(s.summary.length).toBeLessThanOrEqual(160);
        expect(s.summary).not.toContain('\n');
      }
    }
    expect(describeEvent('error_raised', { errorType: 'batteryLow', errorLevel: 'WARNING' })).toEqual({
      level: 'warning',
      summary: 'Error raised: batteryLow (WARNING)',
    });
    expect(describeEvent('command_issued', { type: 'pause', issuedBy: 'ops@x' }).summary).toBe('Command pause issued by ops@x');
  });
});
