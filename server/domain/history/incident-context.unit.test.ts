import { describe, expect, it } from 'vitest';
import type { TraceSummary } from '../flow/hop';
import { eventCategory, type HistoryEvent, type HistoryEventKind } from './history-event';
import { actionsAt, alertsOpenAt, flowHealthAt, nearestEvents, orderAt } from './incident-context';

const T = 1_800_000_000_000;
let n = 0;
function ev(
  kind: HistoryEventKind,
  dtSec: number,
  detail: Record<string, unknown> = {},
  robotId: number | null = 7,
  id?: string,
): HistoryEvent {
  n += 1;
  return { id: id ?? `r:${n}`, robotId, ts: T + dtSec * 1000, kind, category: eventCategory(kind)!, level: 'info', summary: kind, detail };
}

describe('orderAt', () => {
  it('rebuilds the order of the moment with its nodes and its end', () => {
    const events = [
      ev('order_accepted', -100, { orderId: 'old' }),
      ev('order_finished', -90, { orderId: 'old' }),
      ev('order_accepted', -60, { orderId: 'o2' }),
      ev('node_reached', -40, { orderId: 'o2', nodeId: 'n1', sequenceId: 0 }),
      ev('node_reached', -20, { orderId: 'o2', nodeId: 'n2', sequenceId: 2 }),
      ev('order_finished', 10, { orderId: 'o2' }),
      ev('order_accepted', -50, { orderId: 'other' }, 8),
    ];
    expect(orderAt(events, 7, T)).toEqual({
      orderId: 'o2',
      state: 'finished',
      acceptedAt: T - 60_000,
      endedAt: T + 10_000,
      nodes: [
        { nodeId: 'n1', ts: T - 40_000, sequenceId: 0 },
        { nodeId: 'n2', ts: T - 20_000, sequenceId: 2 },
      ],
    });
    expect(orderAt([], 7, T)).toBeNull();
  });
});

describe('actionsAt', () => {
  it('keeps each action’s last state at the moment', () => {
    const events = [
      ev('action_state', -30, { actionId: 'a1', actionType: 'pick', actionStatus: 'RUNNING' }),
      ev('action_state', -10, { actionId: 'a1', actionType: 'pick', actionStatus: 'FAILED' }),
      ev('action_state', 5, { actionId: 'a1', actionType: 'pick', actionStatus: 'FINISHED' }),
      ev('action_state', -5, { actionId: 'a2', actionType: 'stopPause', actionStatus: 'FINISHED' }),
    ];
    expect(actionsAt(events, 7, T).map((a) => `${a.actionId}:${a.status}`)).toEqual(['a2:FINISHED', 'a1:FAILED']);
  });
});

describe('alertsOpenAt', () => {
  it('lists the robot’s and app-wide alerts open at the moment, the robot’s first', () => {
    const events = [
      ev('alert_opened', -3600, {}, null, 'a:app1:opened'),
      ev('alert_opened', -100, {}, 7, 'a:r1:opened'),
      ev('alert_opened', -90, {}, 7, 'a:r2:opened'),
      ev('alert_resolved', -50, {}, 7, 'a:r2:resolved'),
      ev('alert_resolved', 30, {}, 7, 'a:r1:resolved'),
      ev('alert_opened', -10, {}, 8, 'a:other:opened'),
      ev('alert_opened', 10, {}, 7, 'a:later:opened'),
    ];
    const open = alertsOpenAt(events, 7, T);
    expect(open.map((a) => [a.alertId, a.resolvedAt])).toEqual([
      ['r1', T + 30_000],
      ['app1', null],
    ]);
  });
});

describe('flowHealthAt', () => {
  const trace = (dt: number, ms: number, outcome: TraceSummary['outcome'] = 'ok'): TraceSummary => ({
    traceId: 'f'.repeat(32),
    kind: 'telemetry',
    robotId: 7,
    subject: 'robot.state',
    startedAt: T + dt,
    endedAt: T + dt + ms,
    hops: 5,
    outcome,
  });
  it('says tracing is off when it is', () => {
    expect(flowHealthAt(null, T, 10)).toEqual({ tracing: 'off' });
  });
  it('sums outcomes and end-to-end latency, non-ok traces first', () => {
    const h = flowHealthAt([trace(-3000, 10), trace(-2000, 30), trace(-1000, 20, 'dropped'), trace(2000, 400)], T, 2);
    if (h.tracing !== 'on') throw new Error('expected on');
    expect(h).toMatchObject({ traces: 4, p50Ms: 20, p99Ms: 400, maxMs: 400, lastBeforeAt: T - 1000 });
    expect(h.byOutcome).toEqual({ ok: 3, error: 0, dropped: 1, superseded: 0 });
    expect(h.recent.map((t) => t.outcome)).toEqual(['dropped', 'ok']);
    expect(h.recent[1]!.startedAt).toBe(T + 2000);
  });
});

describe('nearestEvents', () => {
  it('keeps the events nearest the moment, oldest first, without duplicates', () => {
    const events = [ev('paused', -100), ev('paused', -1), ev('paused', 2), ev('paused', 50)];
    const r = nearestEvents([...events, events[1]!], T, 2);
    expect(r.truncated).toBe(true);
    expect(r.events.map((e) => e.ts - T)).toEqual([-1000, 2000]);
    expect(nearestEvents(events, T, 10).truncated).toBe(false);
  });
});
