import { describe, expect, it } from 'vitest';
import { createLateMessageGuard } from './late-message-guard';

describe('late message guard', () => {
  it('refuses, per robot, a message received before the newest let through, and counts it', () => {
    const g = createLateMessageGuard();
    expect(g.admit(1, 1000)).toBe(true);
    expect(g.admit(1, 1000)).toBe(true); // the same instant: two topics of one message burst
    expect(g.admit(2, 500)).toBe(true); // another robot has its own clock
    expect(g.admit(1, 999)).toBe(false); // retried after an outage, older than what was applied
    expect(g.admit(1, 2000)).toBe(true);
    expect(g.late()).toBe(1);
  });

  it('stays within its bound, forgetting the least recently seen robot', () => {
    const g = createLateMessageGuard(2);
    g.admit(1, 100);
    g.admit(2, 100);
    g.admit(3, 100); // robot 1 is forgotten
    expect(g.admit(1, 50)).toBe(true);
    expect(g.admit(3, 50)).toBe(false);
  });
});
