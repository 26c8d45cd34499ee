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
});
