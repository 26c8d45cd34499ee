import { describe, expect, it } from 'vitest';
import { isFiltered, type ListSpec, matchesText, nextSort, readListState, sortRows, writeListState } from './list-query';

const SPEC: ListSpec<'q' | 'role' | 'sort' | 'dir'> = {
  defaults: { q: '', role: '', sort: 'created', dir: 'desc' },
  allowed: { role: ['viewer', 'admin'], sort: ['created', 'email'] },
};

describe('list state in the URL', () => {
  it('reads what the URL holds and falls back to the defaults for anything unknown', () => {
    expect(readListState('?q=ada&role=admin&sort=email&dir=asc', SPEC)).toEqual({ q: 'ada', role: 'admin', sort: 'email', dir: 'asc' });
    expect(readListState('role=root&sort=password&dir=sideways', SPEC)).toEqual(SPEC.defaults);
    expect(readListState('', SPEC)).toEqual(SPEC.defaults);
    expect(readListState(`q=${'x'.repeat(1000)}`, SPEC).q).toHaveLength(254);
  });

  it('writes only what differs from the defaults and keeps other parameters', () => {
    expect(writeListState('?alert=a1&q=old', SPEC, { q: '', role: 'admin', sort: 'email', dir: 'desc' })).toBe(
      'alert=a1&role=admin&sort=email',
    );
    expect(writeListState('', SPEC, SPEC.defaults)).toBe('');
  });

  it('round-trips: a shared link shows the same list', () => {
    const state = { q: 'ada lovelace', role: 'viewer', sort: 'email', dir: 'asc' };
    expect(readListState(writeListState('', SPEC, state), SPEC)).toEqual(state);
  });

  it('knows when a filter is set', () => {
    expect(isFiltered({ ...SPEC.defaults, sort: 'email' }, SPEC, ['q', 'role'])).toBe(false);
    expect(isFiltered({ ...SPEC.defaults, role: 'admin' }, SPEC, ['q', 'role'])).toBe(true);
  });
});

describe('sorting', () => {
  it('a header click flips the sorted column and starts another one in its own first direction', () => {
    expect(nextSort({ sort: 'email', dir: 'asc' }, 'email', 'asc')).toEqual({ sort: 'email', dir: 'desc' });
    expect(nextSort({ sort: 'email', dir: 'desc' }, 'email', 'asc')).toEqual({ sort: 'email', dir: 'asc' });
    expect(nextSort({ sort: 'email', dir: 'asc' }, 'created', 'desc')).toEqual({ sort: 'created', dir: 'desc' });
  });

  it('orders numbers as numbers and text naturally (SIM-2 before SIM-10), case-insensitively', () => {
    expect(sortRows([10, 2, 33], (n) => n, 'asc')).toEqual([2, 10, 33]);
    expect(sortRows(['SIM-10', 'sim-2', 'SIM-1'], (s) => s, 'asc')).toEqual(['SIM-1', 'sim-2', 'SIM-10']);
    expect(sortRows(['SIM-10', 'sim-2', 'SIM-1'], (s) => s, 'desc')).toEqual(['SIM-10', 'sim-2', 'SIM-1']);
  });

  it('keeps equal rows in their order and puts empty values last in both directions', () => {
    const rows = [
      { id: 1, v: null },
      { id: 2, v: 5 },
      { id: 3, v: 5 },
      { id: 4, v: 1 },
    ];
    expect(sortRows(rows, (r) => r.v, 'asc').map((r) => r.id)).toEqual([4, 2, 3, 1]);
    expect(sortRows(rows, (r) => r.v, 'desc').map((r) => r.id)).toEqual([2, 3, 4, 1]);
  });
});

describe('text filter', () => {
  it('matches every word anywhere, ignoring case', () => {
    expect(matchesText('Ada Lovelace ada@example.com admin', 'ADA admin')).toBe(true);
    expect(matchesText('Ada Lovelace ada@example.com admin', 'ada viewer')).toBe(false);
    expect(matchesText('anything', '  ')).toBe(true);
  });
});
