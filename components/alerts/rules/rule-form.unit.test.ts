import { describe, expect, it } from 'vitest';
import { defaultRule } from '@/server/domain/alerts/rule-catalogue';
import { formOf, updateOf } from './rule-form';

describe('rule form', () => {
  const battery = defaultRule('robot.battery_low');
  const stuck = defaultRule('robot.stuck');

  it('sends nothing when nothing changed', () => {
    expect(updateOf(battery, formOf(battery))).toEqual({ input: null, error: null });
    expect(updateOf(stuck, formOf(stuck))).toEqual({ input: null, error: null });
  });

  it('sends only the changed fields', () => {
    const f = { ...formOf(stuck), forSec: '3', severity: 'critical' as const };
    expect(updateOf(stuck, f)).toEqual({ input: { id: 'robot.stuck', forSec: 3, severity: 'critical' }, error: null });
    const g = { ...formOf(battery), threshold: '25', criticalThreshold: '', enabled: false, webhookUrl: ' https://hooks.test/a ' };
    expect(updateOf(battery, g)).toEqual({
      input: { id: 'robot.battery_low', threshold: 25, criticalThreshold: null, enabled: false, webhookUrl: 'https://hooks.test/a' },
      error: null,
    });
  });

  it('names the fields that are not numbers', () => {
    const f = { ...formOf(battery), threshold: 'low', forSec: '' };
    expect(updateOf(battery, f)).toEqual({
      input: null,
      error: 'threshold: a number, or empty for none; for (s): a whole number of seconds',
    });
  });

  it('clears a rule webhook with an empty field', () => {
    const withHook = { ...stuck, webhookUrl: 'https://hooks.test/x' };
    expect(updateOf(withHook, { ...formOf(withHook), webhookUrl: '' }).input).toEqual({ id: 'robot.stuck', webhookUrl: null });
  });
});
