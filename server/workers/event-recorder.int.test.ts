// The event recorder on the in-process bus with a controlled clock: a hostile robot that flips its state on every
// message, lies in its action states and floods invalid messages adds a bounded number of rows, each carrying how
// many were left out; injected faults are seen by polling the simulator's book.
import { afterEach, describe, expect, it } from 'vitest';
import { createInProcessBus } from '../adapters/bus/in-process';
import { newEnvelope } from '../domain/envelope';
import type { Fault } from '../domain/faults';
import { newRobotView } from '../domain/robot-merge';
import { SUBJECTS, type RobotTelemetry } from '../domain/telemetry';
import { stateMessage } from '../domain/testing/fixtures';
import { PROTOCOL_SUBJECTS, type RobotActionTransition } from '../domain/vda5050/protocol-events';
import type { RobotProtocolStats } from '../ports/robot-protocol-reader';
import { testLogger } from '../testing/test-env';
import { createEventRecorder, type EventRecorder } from './event-recorder';
import { ROBOT_EVENT_SUBJECT, type RobotEventPayload } from './fleet-state';

let now = 1_000_000;
const clock = { now: () => now };
const bus = createInProcessBus();
const stored: RobotEventPayload[] = [];
bus.subscribe(ROBOT_EVENT_SUBJECT, (env) => void stored.push(env.payload as RobotEventPayload));
const fleet = { list: () => [newRobotView(1, 'M', 'S1')], get: (id: number) => (id === 1 ? newRobotView(1, 'M', 'S1') : undefined) };
const counters = { invalid: 0, headerGaps: 0, lostMessages: 0 };
const protocol = {
  stats: (id: number): RobotProtocolStats | undefined =>
    id === 1
      ? {
          robot: 'M/S1',
          protocolVersion: '2.0.0',
          received: {},
          sent: {},
          ...counters,
          headerRegressions: 0,
          headerResets: 0,
          lastViolation: { at: now, topic: 'state', path: '/batteryState', reason: 'x'.repeat(10_000) },
          lastMessageAt: now,
        }
      : undefined,
};
const faults: Record<string, Fault[]> = {};
const sim = { robots: [{ manufacturer: 'M', serialNumber: 'S1' }], faults: () => faults };
let recorder: EventRecorder;

afterEach(() => {
  recorder?.stop();
  stored.length = 0;
});

const publish = (subject: string, payload: unknown) =>
  bus.publish(newEnvelope({ subject, source: 'test', producedAt: now, receivedAt: now, payload }));
const state = (over: Parameters<typeof stateMessage>[0]) =>
  publish(SUBJECTS.state, {
    robotId: 1,
    manufacturer: 'M',
    serialNumber: 'S1',
    topic: 'state',
    message: stateMessage(over),
  } as RobotTelemetry);
const ofKind = (k: string) => stored.filter((e) => e.kind === k);

describe('event recorder', () => {
  it('a robot flipping driving on every message adds at most 30 rows a minute per kind, then says how many it left out', () => {
    recorder = createEventRecorder({ bus, clock, logger: testLogger, fleet }, { pollMs: 60_000 });
    for (let i = 0; i < 1000; i++) {
      now += 10;
      state({ driving: i % 2 === 0 });
    }
    expect(ofKind('driving_started')).toHaveLength(30);
    expect(ofKind('driving_stopped')).toHaveLength(30);
    now += 60_000;
    state({ driving: true });
    state({ driving: false });
    // 999 changes after the first report: 499 starts and 500 stops, 30 of each stored in the first minute.
    expect(ofKind('driving_started').at(-1)!.detail).toEqual({ suppressed: 469 });
    expect(ofKind('driving_stopped').at(-1)!.detail).toEqual({ suppressed: 470 });
    expect(recorder.stats().refused).toBe(939);
  });

  it('actions and orders: RUNNING and FINISHED stored, a flood of transitions bounded', () => {
    recorder = createEventRecorder({ bus, clock, logger: testLogger, fleet }, { pollMs: 60_000 });
    const t = (to: RobotActionTransition['to'], i: number): RobotActionTransition => ({
      robotId: 1,
      ts: now,
      headerId: i,
      actionId: `a${i % 3}`,
      actionType: 'pick',
      from: null,
      to,
      resultDescription: 'r'.repeat(5000),
      orderId: 'o1',
    });
    for (let i = 0; i < 500; i++) publish(PROTOCOL_SUBJECTS.action, t(i % 2 ? 'RUNNING' : 'FINISHED', i));
    expect(ofKind('action_state')).toHaveLength(30);
    expect(String(ofKind('action_state')[0]!.detail.result).length).toBeLessThanOrEqual(200);
  });

  it('protocol trouble: one protocol_violation and one header_gap per 10 s, carrying the counts', () => {
    recorder = createEventRecorder({ bus, clock, logger: testLogger, fleet, protocol }, { pollMs: 60_000 });
    recorder.poll(); // baseline
    for (let s = 0; s < 25; s++) {
      now += 1000;
      counters.invalid += 7;
      counters.headerGaps += 1;
      counters.lostMessages += 3;
      recorder.poll();
    }
    expect(ofKind('protocol_violation')).toHaveLength(3); // at 1 s, 11 s and 21 s
    now += 10_000;
    recorder.poll(); // 35 s: what came at 22..25 s
    now += 10_000;
    recorder.poll(); // nothing left
    const v = ofKind('protocol_violation');
    expect(v.map((e) => e.detail.count)).toEqual([7, 70, 70, 28]);
    expect(String(v[0]!.detail.reason).length).toBeLessThanOrEqual(200);
    const g = ofKind('header_gap');
    expect(g.map((e) => e.detail.count)).toEqual([1, 10, 10, 4]);
    expect(g.reduce((n, e) => n + Number(e.detail.lost), 0)).toBe(25 * 3);
  });

  it('faults injected and cleared in the simulator become events on the next poll', () => {
    recorder = createEventRecorder({ bus, clock, logger: testLogger, fleet, faults: () => sim }, { pollMs: 60_000 });
    faults.S1 = [{ kind: 'drop', share: 0.3 }];
    recorder.poll();
    recorder.poll();
    faults.S1 = [{ kind: 'drop', share: 0.3 }, { kind: 'freeze' }];
    recorder.poll();
    delete faults.S1;
    recorder.poll();
    expect(stored.map((e) => [e.kind, e.robotId, e.detail])).toEqual([
      ['fault_injected', 1, { kind: 'drop', share: 0.3 }],
      ['fault_injected', 1, { kind: 'freeze' }],
      ['fault_cleared', 1, { fault: 'drop' }],
      ['fault_cleared', 1, { fault: 'freeze' }],
    ]);
  });
});
