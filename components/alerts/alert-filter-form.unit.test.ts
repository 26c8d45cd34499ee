import { describe, expect, it } from 'vitest';
import { readListState } from '@/components/ui/list-query';
import { ALERT_LIST, EMPTY_ALERT_FILTER, isAlertFiltered, sortAlerts, toAlertFilter } from './alert-filter-form';
import { alertOf } from './alert-test-fixtures';

describe('alert filter form', () => {
  it('turns the form into a filter, ignoring values it does not know', () => {
    expect(toAlertFilter(EMPTY_ALERT_FILTER)).toEqual({ tab: 'active' });
    expect(toAlertFilter({ ...EMPTY_ALERT_FILTER, state: 'resolved', severity: 'critical', rule: 'robot.stuck', robot: '7' })).toEqual({
      tab: 'resolved',
      severity: 'critical',
      rule: 'robot.stuck',
      robotId: 7,
    });
    expect(toAlertFilter({ ...EMPTY_ALERT_FILTER, state: 'open', severity: 'bogus', rule: 'x', robot: '-1' })).toEqual({ tab: 'open' });
  });

  it('reads the URL, unknown values falling back to the defaults', () => {
    expect(readListState('state=acknowledged&robot=3&sort=opened&dir=desc', ALERT_LIST)).toEqual({
      ...EMPTY_ALERT_FILTER,
      state: 'acknowledged',
      robot: '3',
      sort: 'opened',
      dir: 'desc',
    });
    expect(readListState('state=nope&sort=bogus&dir=up', ALERT_LIST)).toEqual(EMPTY_ALERT_FILTER);
  });

  it('knows when a filter is set (the state tab and the sort are not filters)', () => {
    expect(isAlertFiltered(EMPTY_ALERT_FILTER)).toBe(false);
    expect(isAlertFiltered({ ...EMPTY_ALERT_FILTER, state: 'resolved', sort: 'flaps' })).toBe(false);
    expect(isAlertFiltered({ ...EMPTY_ALERT_FILTER, rule: 'robot.stuck' })).toBe(true);
  });

  it('sorts by a column, robots by serial number; no sort keeps the given order', () => {
    const a = alertOf({ id: 'a', robotId: 2, severity: 'info', openedAt: 3000, flaps: 0 });
    const b = alertOf({ id: 'b', robotId: 10, severity: 'critical', openedAt: 1000, flaps: 4 });
    const c = alertOf({ id: 'c', robotId: 1, severity: 'warning', openedAt: 2000, flaps: 1 });
    const serial = (id: number) => `SIM-${String(id).padStart(4, '0')}`;
    const ids = (sort: string, dir: string) => sortAlerts([a, b, c], { ...EMPTY_ALERT_FILTER, sort, dir }, serial).map((x) => x.id);
    expect(ids('', 'asc')).toEqual(['a', 'b', 'c']);
    expect(ids('severity', 'desc')).toEqual(['b', 'c', 'a']);
    expect(ids('opened', 'asc')).toEqual(['b', 'c', 'a']);
    expect(ids('robot', 'asc')).toEqual(['c', 'a', 'b']);
    expect(ids('flaps', 'desc')).toEqual(['b', 'c', 'a']);
  });
});
