import { describe, expect, it } from 'vitest';
import { isIdle, newTracker, stepTracker, type LifecycleAction } from './lifecycle';

const rule = { forSec: 5, clearSec: 10 };
const on = { active: true, severity: 'warning' as const };
const off = { active: false, severity: 'warning' as const };

/** Runs observations one a second from t=0, opening/resolving as the actions say; returns the actions taken. */
function run(pattern: boolean[], r = rule) {
  const t = newTracker();
  const actions: LifecycleAction['kind'][] = [];
  pattern.forEach((active, i) => {
    const a = stepTracker(t, active ? on : off, r, i * 1000, t.alertId ? 'warning' : null);
    if (a.kind === 'open') t.alertId = 'a';
    if (a.kind === 'resolve') {
      t.alertId = null;
      t.clearSince = null;
    }
    if (a.kind !== 'none') actions.push(a.kind);
  });
  return { t, actions };
}

describe('alert lifecycle', () => {
  it('opens only after the condition held forSec', () => {
    expect(run([true, true, true, true, true]).actions).toEqual([]);
    expect(run([true, true, true, true, true, true]).actions).toEqual(['open']);
  });

  it('a break in the condition restarts the wait', () => {
    expect(run([true, true, true, true, false, true, true, true, true, true]).actions).toEqual([]);
  });

  it('resolves only after the condition stayed clear clearSec', () => {
    const pattern = [...Array(6).fill(true), ...Array(10).fill(false)];
    expect(run(pattern).actions).toEqual(['open']);
    expect(run([...pattern, false]).actions).toEqual(['open', 'resolve']);
  });

  it('a flapping condition opens one alert and counts the flaps', () => {
    const flapping = Array.from({ length: 200 }, (_, i) => i < 6 || i % 2 === 0);
    expect(run(flapping).actions.filter((a) => a === 'open')).toHaveLength(1);
    expect(run(flapping).actions.filter((a) => a === 'flap').length).toBeGreaterThan(90);
  });

  it('escalates when the severity rises on an open alert', () => {
    const t = newTracker();
    t.alertId = 'a';
    expect(stepTracker(t, { active: true, severity: 'critical' }, rule, 0, 'warning')).toEqual({ kind: 'escalate', severity: 'critical' });
    expect(stepTracker(t, { active: true, severity: 'warning' }, rule, 1000, 'critical')).toEqual({ kind: 'none' });
  });

  it('after a resolve by hand, does not reopen until the condition has cleared once', () => {
    const t = newTracker();
    t.suppressed = true;
    for (let i = 0; i < 20; i++) expect(stepTracker(t, on, rule, i * 1000, null).kind).toBe('none');
    stepTracker(t, off, rule, 21_000, null);
    expect(isIdle(t)).toBe(true);
    for (let i = 22; i < 27; i++) stepTracker(t, on, rule, i * 1000, null);
    expect(stepTracker(t, on, rule, 27_000, null).kind).toBe('open');
  });

  it('forSec 0 opens at once', () => {
    expect(run([true], { forSec: 0, clearSec: 0 }).actions).toEqual(['open']);
  });
});
