import { expect, it } from 'vitest';
import type { AlertView } from '../../domain/alerts/alert';
import { SNAPSHOT_ALERTS, snapshotOf } from './alert-feed';

const alert = (i: number, severity: AlertView['severity']) => ({ id: String(i), severity, openedAt: i }) as AlertView;

it('a snapshot carries at most SNAPSHOT_ALERTS alerts, the critical ones first, then the newest', () => {
  const many = [...Array.from({ length: 3_000 }, (_, i) => alert(i, 'warning')), alert(-1, 'critical')];
  const snap = snapshotOf(many);
  expect(snap).toHaveLength(SNAPSHOT_ALERTS);
  expect(snap[0]!.id).toBe('-1');
  expect(snap[1]!.id).toBe('2999');
  expect(snapshotOf([alert(1, 'info')])).toHaveLength(1);
});
