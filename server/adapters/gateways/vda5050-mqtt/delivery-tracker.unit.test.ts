// The resend schedule against an MQTT link that goes down: sends that could reach no one are not made and not
// counted, and the schedule resumes with a resend when the link is back (issue 12, chaos broker-kill: with a broker
// down longer than the 12-send budget, an executed instant action was timed out before the robot could be heard).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { newEnvelope } from '../../../domain/envelope';
import { SUBJECTS, type RobotTelemetry } from '../../../domain/telemetry';
import type { StateMessage } from '../../../domain/vda5050/messages';
import type { DeliveryOutcome } from '../../../domain/vda5050/protocol-events';
import { createInProcessBus } from '../../bus/in-process';
import { createDeliveryTracker, type DeliveryLink } from './delivery-tracker';

function fakeLink() {
  const listeners = new Set<() => void>();
  let up = true;
  const link: DeliveryLink = {
    connected: () => up,
    onConnect: (l) => (listeners.add(l), () => void listeners.delete(l)),
  };
  return {
    link,
    down: () => void (up = false),
    up: () => ((up = true), listeners.forEach((l) => l())),
    listeners: () => listeners.size,
  };
}

function stateWith(robotId: number, actionId: string): RobotTelemetry {
  const message = {
    actionStates: [{ actionId, actionType: 'stateRequest', actionStatus: 'FINISHED' }],
    errors: [],
  } as unknown as StateMessage;
  return { topic: 'state', message, robotId, manufacturer: 'M', serialNumber: 'S', size: 0 } as RobotTelemetry;
}

describe('delivery tracker with an MQTT link that goes down', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  const setup = () => {
    const bus = createInProcessBus();
    const net = fakeLink();
    const tracker = createDeliveryTracker({ bus, clock: { now: () => Date.now() }, link: net.link });
    let sends = 1;
    const outcome: { value: DeliveryOutcome | null } = { value: null };
    void tracker
      .track({ robotId: 7, topic: 'instantActions', actionIds: ['a-1'], firstHeaderId: 0, resend: () => sends++ })
      .then((o) => (outcome.value = o));
    return { bus, net, tracker, sends: () => sends, outcome };
  };

  it('pauses while the link is down (nothing sent, nothing counted) and resends at once when it is back', async () => {
    const { bus, net, tracker, sends, outcome } = setup();
    await vi.advanceTimersByTimeAsync(1000); // sends at 0, 0.3 and 0.9 s
    expect(sends()).toBe(3);
    net.down();
    await vi.advanceTimersByTimeAsync(60_000); // far beyond the 15.6 s budget
    expect(sends()).toBe(3);
    expect(outcome.value).toBeNull();
    expect(tracker.stats()).toMatchObject({ pending: 1, resent: 2 });

    net.up();
    expect(sends()).toBe(4); // at once, not after a back-off
    bus.publish(newEnvelope({ subject: SUBJECTS.state, source: 'test', producedAt: 0, receivedAt: 0, payload: stateWith(7, 'a-1') }));
    await vi.advanceTimersByTimeAsync(0);
    expect(outcome.value).toMatchObject({ status: 'acknowledged', attempts: 4 });
  });

  it('still gives up after the full budget of sends made while the link is up', async () => {
    const { net, sends, outcome } = setup();
    await vi.advanceTimersByTimeAsync(2500);
    net.down();
    await vi.advanceTimersByTimeAsync(30_000);
    const before = sends();
    net.up();
    await vi.advanceTimersByTimeAsync(30_000);
    expect(outcome.value).toMatchObject({ status: 'not_acknowledged', attempts: 12 });
    expect(sends()).toBe(12);
    expect(before).toBeLessThan(12);
  });

  it('gives one more wait after a reconnection when the budget was spent before the outage', async () => {
    const { net, outcome } = setup();
    await vi.advanceTimersByTimeAsync(14_200); // all 12 sent, waiting for the last answer
    net.down();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(outcome.value).toBeNull();
    net.up();
    await vi.advanceTimersByTimeAsync(1499);
    expect(outcome.value).toBeNull();
    await vi.advanceTimersByTimeAsync(1);
    expect(outcome.value).toMatchObject({ status: 'not_acknowledged', attempts: 12 });
  });

  it('stops listening to the link on stop', () => {
    const { net, tracker } = setup();
    expect(net.listeners()).toBe(1);
    tracker.stop();
    expect(net.listeners()).toBe(0);
  });
});
