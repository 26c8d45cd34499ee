import { describe, expect, it } from 'vitest';
import { createTokenBucket } from './token-bucket';

describe('token bucket', () => {
  it('gives a burst, then perSec, and says how long to wait', () => {
    let t = 0;
    const b = createTokenBucket({ perSec: 1, burst: 2 }, () => t);
    expect([b.take(), b.take()]).toEqual([0, 0]);
    expect(b.take()).toBe(1_000);
    t = 500;
    expect(b.take()).toBe(500);
    t = 1_000;
    expect(b.take()).toBe(0);
    t = 60_000;
    expect([b.take(), b.take(), b.take()]).toEqual([0, 0, 1_000]); // refills up to the burst, no more
  });
});
