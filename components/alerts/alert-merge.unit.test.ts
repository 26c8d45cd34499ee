import { describe, expect, it } from 'vitest';
import {
  applyAlertBatch,
  boundResolved,
  isNewerAlert,
  listInputOf,
  mergeAlertRows,
  newlyCritical,
  sameSeverities,
  severityByRobot,
} from './alert-merge';
import { alertOf } from './alert-test-fixtures';

describe('alert merge', () => {
  it('keeps the newest version of each alert', () => {
    const open = alertOf({ id: 'a', updatedAt: 10 });
    const acked = alertOf({ id: 'a', state: 'acknowledged', updatedAt: 20 });
    expect(isNewerAlert(open, acked)).toBe(true);
    expect(isNewerAlert(acked, open)).toBe(false);
    expect(isNewerAlert(undefined, open)).toBe(true);
    expect(isNewerAlert(open, alertOf({ id: 'a', state: 'resolved', updatedAt: 10 }))).toBe(true);
  });

  it('applies a batch copy-on-write and reports what changed', () => {
    const prev = { a: alertOf({ id: 'a', updatedAt: 10 }) };
    const same = applyAlertBatch(prev, [alertOf({ id: 'a', updatedAt: 5 })]);
    expect(same.byId).toBe(prev);
    expect(same.changed).toEqual([]);
    const next = applyAlertBatch(prev, [alertOf({ id: 'b', updatedAt: 11 })]);
    expect(Object.keys(next.byId)).toEqual(['a', 'b']);
    expect(next.changed.map((a) => a.id)).toEqual(['b']);
  });

  it('finds new and escalated critical alerts, not known or resolved ones', () => {
    const prev = { a: alertOf({ id: 'a', severity: 'warning' }), b: alertOf({ id: 'b', severity: 'critical' }) };
    const changed = [
      alertOf({ id: 'a', severity: 'critical', updatedAt: 2 }),
      alertOf({ id: 'b', severity: 'critical', state: 'acknowledged', updatedAt: 2 }),
      alertOf({ id: 'c', severity: 'critical' }),
      alertOf({ id: 'd', severity: 'critical', state: 'resolved' }),
      alertOf({ id: 'e', severity: 'info' }),
    ];
    expect(newlyCritical(prev, changed).map((a) => a.id)).toEqual(['a', 'c']);
  });

  it('bounds resolved alerts and keeps every unresolved one', () => {
    const byId = {
      a: alertOf({ id: 'a', state: 'resolved', updatedAt: 1 }),
      b: alertOf({ id: 'b', state: 'resolved', updatedAt: 2 }),
      c: alertOf({ id: 'c', updatedAt: 0 }),
    };
    expect(Object.keys(boundResolved(byId, 1)).sort()).toEqual(['b', 'c']);
    expect(boundResolved(byId, 5)).toBe(byId);
  });

  it('marks each robot with its most severe unresolved alert', () => {
    const byId = {
      a: alertOf({ id: 'a', robotId: 1, severity: 'warning' }),
      b: alertOf({ id: 'b', robotId: 1, severity: 'critical' }),
      c: alertOf({ id: 'c', robotId: 2, severity: 'critical', state: 'resolved' }),
      d: alertOf({ id: 'd', robotId: 3, severity: 'info', state: 'acknowledged' }),
      e: alertOf({ id: 'e', robotId: null, subject: 'app:database', severity: 'critical' }),
    };
    const s = severityByRobot(byId);
    expect(s).toEqual({ 1: 'critical', 3: 'info' });
    expect(sameSeverities(s, { 1: 'critical', 3: 'info' })).toBe(true);
    expect(sameSeverities(s, { 1: 'critical' })).toBe(false);
    expect(sameSeverities(s, { 1: 'warning', 3: 'info' })).toBe(false);
  });

  it('merges live alerts into the loaded rows of a tab', () => {
    const loaded = [alertOf({ id: 'a', openedAt: 1 }), alertOf({ id: 'b', openedAt: 2, severity: 'info' })];
    const live = {
      a: alertOf({ id: 'a', openedAt: 1, state: 'acknowledged', updatedAt: 5_000 }),
      c: alertOf({ id: 'c', openedAt: 3, severity: 'critical' }),
      d: alertOf({ id: 'd', openedAt: 4, state: 'resolved', resolvedAt: 9 }),
    };
    expect(mergeAlertRows(loaded, live, { tab: 'active' }).map((a) => a.id)).toEqual(['c', 'a', 'b']);
    expect(mergeAlertRows(loaded, live, { tab: 'open' }).map((a) => a.id)).toEqual(['c', 'b']);
    expect(mergeAlertRows(loaded, live, { tab: 'resolved' }).map((a) => a.id)).toEqual(['d']);
    expect(mergeAlertRows(loaded, live, { tab: 'all', severity: 'warning' }).map((a) => a.id)).toEqual(['d', 'a']);
    expect(mergeAlertRows(loaded, live, { tab: 'all', robotId: 2 })).toEqual([]);
  });

  it('turns a filter into alerts.list input', () => {
    expect(listInputOf({ tab: 'active', severity: 'critical' }, 200)).toEqual({
      state: undefined,
      severity: 'critical',
      rule: undefined,
      robotId: undefined,
      limit: 200,
    });
    expect(listInputOf({ tab: 'resolved', robotId: 4 }, 50).state).toBe('resolved');
  });
});
