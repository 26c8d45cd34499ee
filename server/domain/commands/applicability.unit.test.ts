import { describe, expect, it } from 'vitest';
import { newRobotView } from '../robot-merge';
import { notApplicable } from './applicability';

const online = { ...newRobotView(1, 'M', 'S-1', 'SIM-0001'), connection: 'ONLINE' as const };

describe('notApplicable', () => {
  it('refuses stop charging on a robot that is driving, saying what it is doing', () => {
    expect(notApplicable({ ...online, driving: true }, 'stopCharging')).toBe(
      'not applicable: SIM-0001 is not charging (it is driving), so there is nothing to stop',
    );
    expect(notApplicable(online, 'stopCharging')).toMatch(/it is idle/);
  });

  it('lets stop charging through on a charging robot', () => {
    expect(notApplicable({ ...online, charging: true }, 'stopCharging')).toBeNull();
  });

  it('does not judge a robot whose state may be stale (offline or silent)', () => {
    expect(notApplicable({ ...online, connection: 'OFFLINE' }, 'stopCharging')).toBeNull();
    expect(notApplicable({ ...online, stale: true }, 'stopCharging')).toBeNull();
  });

  it('has no opinion on other commands', () => {
    expect(notApplicable({ ...online, driving: true }, 'pause')).toBeNull();
    expect(notApplicable(online, 'resume')).toBeNull();
  });

  it('refuses what the operating mode does not allow (VDA 5050 3.0 Table 11), for 2.x robots too', () => {
    for (const mode of ['MANUAL', 'SERVICE', 'TEACHIN', 'STARTUP'] as const) {
      expect(notApplicable({ ...online, operatingMode: mode }, 'pause')).toBe(
        `not allowed while SIM-0001 is in operating mode ${mode}: fleet control is not in control: no orders or instant actions may be sent (VDA 5050 §6.6.6)`,
      );
      expect(notApplicable({ ...online, operatingMode: mode }, 'goTo')).toMatch(/no orders/);
    }
    const intervened = { ...online, operatingMode: 'INTERVENED' as const };
    expect(notApplicable(intervened, 'cancelOrder')).toBeNull();
    expect(notApplicable(intervened, 'goTo')).toBeNull();
    expect(notApplicable(intervened, 'charge')).toBeNull();
    expect(notApplicable(intervened, 'pause')).toMatch(/only orders and cancelOrder may be sent/);
    for (const mode of ['AUTOMATIC', 'SEMIAUTOMATIC', null] as const)
      for (const type of ['pause', 'goTo', 'factsheetRequest'] as const)
        expect(notApplicable({ ...online, operatingMode: mode }, type)).toBeNull();
    // A stale mode is not judged: the command waits for the robot as usual.
    expect(notApplicable({ ...online, operatingMode: 'MANUAL', stale: true }, 'pause')).toBeNull();
  });
});
