import { describe, expect, it } from 'vitest';
import { alertFormFromQuery, EMPTY_ALERT_FILTER, isAlertFiltered, toAlertFilter } from './alert-filter-form';

describe('alert filter form', () => {
  it('turns the form into a filter, ignoring values it does not know', () => {
    expect(toAlertFilter(EMPTY_ALERT_FILTER)).toEqual({ tab: 'active' });
    expect(toAlertFilter({ tab: 'resolved', severity: 'critical', rule: 'robot.stuck', robot: '7' })).toEqual({
      tab: 'resolved',
      severity: 'critical',
      rule: 'robot.stuck',
      robotId: 7,
    });
    expect(toAlertFilter({ tab: 'open', severity: 'bogus', rule: 'x', robot: '-1' })).toEqual({ tab: 'open' });
  });

  it('reads the URL', () => {
    const q = new URLSearchParams('state=acknowledged&robot=3');
    expect(alertFormFromQuery((k) => q.get(k))).toEqual({ tab: 'acknowledged', severity: '', rule: '', robot: '3' });
    expect(alertFormFromQuery(() => null).tab).toBe('active');
    expect(alertFormFromQuery((k) => (k === 'state' ? 'nope' : null)).tab).toBe('active');
  });

  it('knows when a filter is set', () => {
    expect(isAlertFiltered(EMPTY_ALERT_FILTER)).toBe(false);
    expect(isAlertFiltered({ ...EMPTY_ALERT_FILTER, tab: 'resolved' })).toBe(false);
    expect(isAlertFiltered({ ...EMPTY_ALERT_FILTER, rule: 'robot.stuck' })).toBe(true);
  });
});
