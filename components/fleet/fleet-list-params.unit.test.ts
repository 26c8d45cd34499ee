import { describe, expect, it } from 'vitest';
import { readListState, writeListState } from '@/components/ui/list-query';
import { DEFAULT_LIST_PARAMS, FLEET_LIST_SPEC, type FleetListParams, toFleetListParams } from './fleet-list-params';

const parse = (q: string) => toFleetListParams(readListState(q, FLEET_LIST_SPEC));
const write = (search: string, state: FleetListParams) => writeListState(search, FLEET_LIST_SPEC, { ...state });

describe('the robot list state in the URL', () => {
  it('reads filter, sort, direction and search', () => {
    expect(parse('status=error&sort=battery&dir=desc&q=SIM-00')).toEqual({ status: 'error', sort: 'battery', dir: 'desc', q: 'SIM-00' });
  });

  it('falls back to the defaults for missing or unknown values', () => {
    expect(parse('')).toEqual(DEFAULT_LIST_PARAMS);
    expect(parse('status=exploded&sort=colour&dir=sideways')).toEqual(DEFAULT_LIST_PARAMS);
  });

  it('writes only what differs from the defaults and keeps the replay moment', () => {
    expect(write('at=2026-12-02T10%3A00%3A00Z', { ...DEFAULT_LIST_PARAMS, status: 'offline', sort: 'lastSeen' })).toBe(
      'at=2026-12-02T10%3A00%3A00Z&status=offline&sort=lastSeen',
    );
    expect(write('status=error&sort=battery&dir=desc&q=x', DEFAULT_LIST_PARAMS)).toBe('');
  });

  it('round-trips', () => {
    const state: FleetListParams = { status: 'charging', sort: 'status', dir: 'desc', q: 'forklift 7' };
    expect(parse(write('', state))).toEqual(state);
  });
});
