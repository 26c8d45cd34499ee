import { describe, expect, it } from 'vitest';
import { createLoginThrottle } from './login-throttle';

describe('broker login throttle', () => {
  it('blocks a username after its limit of wrong passwords until the window ends', () => {
    let t = 0;
    const th = createLoginThrottle({ perUsername: 3, perAddress: 100, windowMs: 1000 }, () => t);
    for (let i = 0; i < 3; i++) {
      expect(th.blocked('robot-1', '10.0.0.1')).toBe(false);
      th.failed('robot-1', '10.0.0.1');
    }
    expect(th.blocked('robot-1', '10.0.0.9')).toBe(true);
    expect(th.blocked('robot-2', '10.0.0.1')).toBe(false);
    t = 1000;
    expect(th.blocked('robot-1', '10.0.0.1')).toBe(false);
  });

  it('blocks an address spraying many usernames', () => {
    const th = createLoginThrottle({ perUsername: 100, perAddress: 5, windowMs: 1000 }, () => 0);
    for (let i = 0; i < 5; i++) th.failed(`user-${i}`, '10.0.0.66');
    expect(th.blocked('user-new', '10.0.0.66')).toBe(true);
    expect(th.blocked('user-new', '10.0.0.67')).toBe(false);
    expect(th.blocked('user-new', null)).toBe(false);
  });

  it('keeps its memory bounded', () => {
    const th = createLoginThrottle({ perUsername: 1, perAddress: 1000, windowMs: 1000 }, () => 0, 10);
    for (let i = 0; i < 100; i++) th.failed(`u${i}`, null);
    expect(th.blocked('u0', null)).toBe(false); // evicted
    expect(th.blocked('u99', null)).toBe(true);
  });
});
