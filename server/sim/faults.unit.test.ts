import { describe, expect, it } from 'vitest';
import { checkFault } from '../domain/faults';
import { FaultSet } from './faults';

describe('fault set', () => {
  it('drops a seeded, repeatable share of messages on the chosen topics only', () => {
    const decide = (seed: number) => {
      const f = new FaultSet(seed);
      f.inject({ kind: 'drop', share: 0.3, topics: ['state', 'order'] });
      return Array.from({ length: 2000 }, (_, i) => f.shouldDrop(i % 2 ? 'state' : 'order'));
    };
    const a = decide(42);
    expect(decide(42)).toEqual(a);
    expect(decide(43)).not.toEqual(a);
    const share = a.filter(Boolean).length / a.length;
    expect(share).toBeGreaterThan(0.25);
    expect(share).toBeLessThan(0.35);

    const f = new FaultSet(1);
    f.inject({ kind: 'drop', share: 1, topics: ['state'] });
    expect(f.shouldDrop('visualization')).toBe(false);
    expect(f.shouldDrop('state')).toBe(true);
  });

  it('lists, replaces and clears faults by kind', () => {
    const f = new FaultSet(1);
    f.inject({ kind: 'delay', ms: 100 });
    f.inject({ kind: 'delay', ms: 250 });
    f.inject({ kind: 'freeze' });
    expect(f.list()).toEqual([{ kind: 'delay', ms: 250 }, { kind: 'freeze' }]);
    expect(f.delayMs()).toBe(250);
    expect(f.clear('delay')).toEqual([{ kind: 'delay', ms: 250 }]);
    expect(f.delayMs()).toBe(0);
    expect(f.clear()).toEqual([{ kind: 'freeze' }]);
    expect(f.list()).toEqual([]);
  });

  it('corrupts a share of messages as broken JSON or schema-violating JSON', () => {
    const f = new FaultSet(9);
    f.inject({ kind: 'malformed', share: 1 });
    const msg = { headerId: 1, timestamp: '2024-01-01T00:00:00.000Z', version: '2.0.0', manufacturer: 'M', serialNumber: 'S' };
    for (let i = 0; i < 20; i++) {
      const out = f.malform(msg);
      expect(out).not.toBeNull();
      let parsed: Record<string, unknown> | null = null;
      try {
        parsed = JSON.parse(out!) as Record<string, unknown>;
      } catch {
        continue; // broken JSON
      }
      expect(parsed.version === undefined || typeof parsed.headerId !== 'number').toBe(true);
    }
    f.inject({ kind: 'malformed', share: 0 });
    expect(f.malform(msg)).toBeNull();
  });

  it('rejects out-of-range parameters with a clear error', () => {
    expect(() => checkFault({ kind: 'drop', share: 1.5 })).toThrow(/share must be in \[0, 1\]/);
    expect(() => checkFault({ kind: 'delay', ms: -1 })).toThrow(/ms must be/);
  });
});
