import { describe, expect, it } from 'vitest';
import { EMPTY_FILTER, isFiltered, OPEN_STATUSES, toLedgerFilter } from './ledger-filter';

describe('ledger filter', () => {
  it('turns the form into a list filter', () => {
    expect(toLedgerFilter(EMPTY_FILTER)).toEqual({});
    expect(toLedgerFilter({ robot: '7', status: 'failed', type: 'goTo', issuer: ' ann ' })).toEqual({
      robotId: 7,
      status: ['failed'],
      type: ['goTo'],
      issuedBy: 'ann',
    });
    expect(toLedgerFilter({ ...EMPTY_FILTER, robot: 'x', status: 'bogus' })).toEqual({});
  });

  it('groups open and final statuses', () => {
    expect(toLedgerFilter({ ...EMPTY_FILTER, status: 'open' }).status).toEqual(OPEN_STATUSES);
    expect(OPEN_STATUSES).toEqual(['requested', 'queued', 'dispatched', 'acknowledged', 'running']);
    expect(toLedgerFilter({ ...EMPTY_FILTER, status: 'final' }).status).toContain('timed_out');
  });

  it('knows when any filter is set', () => {
    expect(isFiltered(EMPTY_FILTER)).toBe(false);
    expect(isFiltered({ ...EMPTY_FILTER, issuer: 'a' })).toBe(true);
  });
});
