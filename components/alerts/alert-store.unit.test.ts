import { beforeEach, describe, expect, it } from 'vitest';
import { useToastStore } from '@/components/ui/toast-store';
import { applyAlertSnapshot, applyAlertUpdate, applyOwnAlertChange, robotAlertSeverities, useAlertStore } from './alert-store';
import { alertOf } from './alert-test-fixtures';

const counts = { critical: 1, warning: 0, info: 0 };

describe('alert store', () => {
  beforeEach(() => {
    useAlertStore.setState({ byId: {}, counts: null, robotSeverity: {}, snapshots: 0 });
    useToastStore.setState({ toasts: [] });
  });

  it('takes the snapshot without toasts, then toasts each new critical alert with a link to it', () => {
    applyAlertSnapshot({ alerts: [alertOf({ id: 'a', severity: 'critical', robotId: 4 })], counts });
    expect(useToastStore.getState().toasts).toEqual([]);
    expect(useAlertStore.getState().counts).toEqual(counts);
    expect(robotAlertSeverities()).toEqual({ 4: 'critical' });

    applyAlertUpdate({
      alerts: [
        alertOf({ id: 'a', severity: 'critical', robotId: 4, state: 'acknowledged', updatedAt: 2_000 }),
        alertOf({ id: 'b', severity: 'critical', robotId: 5, title: 'SIM-0005 emergency stop' }),
        alertOf({ id: 'c', severity: 'warning', robotId: 6 }),
      ],
      counts: { critical: 2, warning: 1, info: 0 },
    });
    const toasts = useToastStore.getState().toasts;
    expect(toasts).toHaveLength(1);
    expect(toasts[0]).toMatchObject({ tone: 'bad', title: 'Critical: SIM-0005 emergency stop', link: { href: '/alerts?alert=b' } });
    expect(useAlertStore.getState().counts).toEqual({ critical: 2, warning: 1, info: 0 });
    expect(robotAlertSeverities()).toEqual({ 4: 'critical', 5: 'critical', 6: 'warning' });
  });

  it('raises no toast for updates before the first snapshot', () => {
    applyAlertUpdate({ alerts: [alertOf({ id: 'x', severity: 'critical' })], counts });
    expect(useToastStore.getState().toasts).toEqual([]);
  });

  it('keeps the robot marks object while they do not change, and drops a robot whose alert resolved', () => {
    applyAlertSnapshot({ alerts: [alertOf({ id: 'a', robotId: 4 })], counts });
    const marks = useAlertStore.getState().robotSeverity;
    applyOwnAlertChange(alertOf({ id: 'a', robotId: 4, state: 'acknowledged', updatedAt: 2_000 }));
    expect(useAlertStore.getState().robotSeverity).toBe(marks);
    applyAlertUpdate({ alerts: [alertOf({ id: 'a', robotId: 4, state: 'resolved', updatedAt: 3_000 })], counts });
    expect(robotAlertSeverities()).toEqual({});
  });
});
