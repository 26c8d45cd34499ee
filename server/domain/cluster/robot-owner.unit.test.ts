import { describe, expect, it } from 'vitest';
import { createOwnership, ownerOf } from './robot-owner';

const robots = Array.from({ length: 2000 }, (_, i) => `SimRobotics/SIM-${String(i + 1).padStart(4, '0')}`);

describe('robot ownership among gateways', () => {
  it('every robot has exactly one owner, the same whatever the order of the list', () => {
    for (const r of robots.slice(0, 200)) expect(ownerOf(r, ['gw-a', 'gw-b', 'gw-c'])).toBe(ownerOf(r, ['gw-c', 'gw-a', 'gw-b']));
    expect(ownerOf('x', [])).toBeNull();
  });

  it('spreads the robots evenly (within 10 % of a fair share) over 2 and over 3 gateways', () => {
    for (const gws of [
      ['gw-a', 'gw-b'],
      ['host-1:3000', 'host-1:3001', 'host-2:3000'],
    ]) {
      const n = new Map<string, number>();
      for (const r of robots) {
        const o = ownerOf(r, gws)!;
        n.set(o, (n.get(o) ?? 0) + 1);
      }
      for (const g of gws) expect(Math.abs((n.get(g) ?? 0) / (robots.length / gws.length) - 1)).toBeLessThan(0.1);
    }
  });

  it('when a gateway goes, only its robots move; when one comes, only robots move to it', () => {
    const three = ['gw-a', 'gw-b', 'gw-c'];
    const two = ['gw-a', 'gw-c'];
    for (const r of robots) {
      const before = ownerOf(r, three);
      const after = ownerOf(r, two);
      if (before !== 'gw-b') expect(after).toBe(before);
      const back = ownerOf(r, three);
      if (back !== after) expect(back).toBe('gw-b');
    }
  });

  it('two processes with the same list split the robots with no overlap and no gap', () => {
    const a = createOwnership('gw-a');
    const b = createOwnership('gw-b');
    for (const o of [a, b]) o.setGateways(['gw-b', 'gw-a']);
    for (const r of robots) expect(Number(a.owns(r)) + Number(b.owns(r))).toBe(1);
    // Alone again (the other is gone): this one takes every robot.
    expect(a.setGateways(['gw-a'])).toBe(true);
    expect(a.setGateways(['gw-a'])).toBe(false);
    expect(robots.every((r) => a.owns(r))).toBe(true);
  });

  it('keeps no key longer than a valid robot key, so made-up 30,000-character serial numbers cannot grow it', () => {
    const o = createOwnership('gw-a');
    o.setGateways(['gw-a', 'gw-b']);
    const long = Array.from({ length: 200 }, (_, i) => `Hostile Inc/${String(i).padStart(5, '0')}${'S'.repeat(30_000)}`);
    const first = long.map((k) => o.owns(k));
    expect(o.cached()).toBe(0);
    // Still answered, and the same way each time (hashed again, not remembered).
    expect(long.map((k) => o.owns(k))).toEqual(first);
    expect(first.some(Boolean) && !first.every(Boolean)).toBe(true);
    for (const r of robots) o.owns(r);
    expect(o.cached()).toBe(robots.length);
  });

  it('clears the cache when it reaches its bound', () => {
    const o = createOwnership('gw-a', 100);
    for (const r of robots.slice(0, 250)) o.owns(r);
    expect(o.cached()).toBeLessThanOrEqual(100);
  });
});
