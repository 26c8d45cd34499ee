import { describe, expect, it } from 'vitest';
import { RingBuffer } from './ring-buffer';

describe('ring buffer', () => {
  it('keeps the newest entries, newest first', () => {
    const r = new RingBuffer<number>(3);
    for (let i = 1; i <= 5; i++) r.push(i);
    expect(r.latest()).toEqual([5, 4, 3]);
    expect(r.latest(2)).toEqual([5, 4]);
  });
  it('shrinks to the newest entries and keeps working', () => {
    const r = new RingBuffer<number>(5);
    for (let i = 1; i <= 7; i++) r.push(i);
    r.shrinkTo(2);
    expect(r.capacity).toBe(2);
    expect(r.latest()).toEqual([7, 6]);
    r.push(8);
    expect(r.latest()).toEqual([8, 7]);
  });
});
