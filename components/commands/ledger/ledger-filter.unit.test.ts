import { describe, expect, it } from 'vitest';
import {
  AROUND_MS,
  aroundMoment,
  EMPTY_FILTER,
  formFromParams,
  isFiltered,
  ledgerQuery,
  OPEN_STATUSES,
  parseAt,
  toLedgerFilter,
} from './ledger-filter';

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

describe('the ledger at a replayed moment', () => {
  it('reads ?at= as epoch ms or ISO, and refuses anything else', () => {
    expect(parseAt('1796221320000')).toBe(1796221320000);
    expect(parseAt('2026-12-02T14:02:00Z')).toBe(Date.parse('2026-12-02T14:02:00Z'));
    expect(parseAt('yesterday')).toBeNull();
    expect(parseAt(null)).toBeNull();
  });
  it('looks 5 min either side of the moment', () => {
    expect(aroundMoment(1_000_000)).toEqual({ from: 1_000_000 - AROUND_MS, to: 1_000_000 + AROUND_MS });
  });
});

describe('the ledger filters in the page URL', () => {
  it('round-trips the filters and the replayed moment', () => {
    const form = { robot: '7', status: 'open', type: 'goTo', issuer: 'ann@x' };
    const q = ledgerQuery(form, '1796221320000');
    expect(q).toBe('robot=7&status=open&type=goTo&issuer=ann%40x&at=1796221320000');
    const params = new URLSearchParams(q);
    expect(formFromParams(params)).toEqual(form);
    expect(ledgerQuery(EMPTY_FILTER, null)).toBe('');
    expect(ledgerQuery({ ...EMPTY_FILTER, robot: '3' }, null)).toBe('robot=3');
  });

  it('drops values the form could not show', () => {
    expect(formFromParams(new URLSearchParams('robot=abc&status=lost&type=fly&issuer=bo'))).toEqual({ ...EMPTY_FILTER, issuer: 'bo' });
  });
});
