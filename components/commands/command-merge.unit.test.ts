import { describe, expect, it } from 'vitest';
import { boundCommands, isNewer, matchesFilter, mergeLedger } from './command-merge';
import { aCommand } from './command-test-fixtures';

describe('command merge', () => {
  it('takes the later update, and the further status on a tie', () => {
    const a = aCommand({ updatedAt: 10, status: 'dispatched' });
    expect(isNewer(undefined, a)).toBe(true);
    expect(isNewer(a, aCommand({ updatedAt: 11, status: 'acknowledged' }))).toBe(true);
    expect(isNewer(a, aCommand({ updatedAt: 9, status: 'succeeded' }))).toBe(false);
    expect(isNewer(a, aCommand({ updatedAt: 10, status: 'succeeded' }))).toBe(true);
    expect(isNewer(aCommand({ updatedAt: 10, status: 'succeeded' }), a)).toBe(false);
  });

  it('filters by robot, status, type and issuer', () => {
    const c = aCommand({ robotId: 2, status: 'failed', type: 'goTo', issuedBy: 'ann' });
    expect(matchesFilter(c, {})).toBe(true);
    expect(matchesFilter(c, { robotId: 3 })).toBe(false);
    expect(matchesFilter(c, { status: ['failed', 'expired'], type: ['goTo'], issuedBy: 'ann', robotId: 2 })).toBe(true);
    expect(matchesFilter(c, { status: ['succeeded'] })).toBe(false);
    expect(matchesFilter(c, { issuedBy: 'bob' })).toBe(false);
  });

  it('overlays live versions, adds new commands on top and sorts newest first', () => {
    const loaded = [aCommand({ id: 'b', issuedAt: 200 }), aCommand({ id: 'a', issuedAt: 100 })];
    const live = {
      a: aCommand({ id: 'a', issuedAt: 100, status: 'succeeded', updatedAt: 2000 }),
      c: aCommand({ id: 'c', issuedAt: 300 }),
      other: aCommand({ id: 'other', issuedAt: 400, robotId: 9 }),
    };
    const rows = mergeLedger(loaded, live, { robotId: 1 }, false);
    expect(rows.map((r) => r.id)).toEqual(['c', 'b', 'a']);
    expect(rows[2]!.status).toBe('succeeded');
  });

  it('leaves live commands older than the loaded pages to the next page', () => {
    const loaded = [aCommand({ id: 'b', issuedAt: 200 })];
    const live = { old: aCommand({ id: 'old', issuedAt: 50 }) };
    expect(mergeLedger(loaded, live, {}, true).map((r) => r.id)).toEqual(['b']);
    expect(mergeLedger(loaded, live, {}, false).map((r) => r.id)).toEqual(['b', 'old']);
  });

  it('bounds the live store to the most recently issued commands', () => {
    const byId = Object.fromEntries([1, 2, 3].map((i) => [`c${i}`, aCommand({ id: `c${i}`, issuedAt: i })]));
    expect(Object.keys(boundCommands(byId, 2)).sort()).toEqual(['c2', 'c3']);
    expect(boundCommands(byId, 5)).toBe(byId);
  });
});
