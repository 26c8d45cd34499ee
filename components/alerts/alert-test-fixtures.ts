// An AlertView with defaults, for the alerts feature's unit tests.
import type { AlertView } from '@/server/domain/alerts/alert';

export function alertOf(p: Partial<AlertView> & { id: string }): AlertView {
  return {
    ruleId: 'robot.stuck',
    severity: 'warning',
    subject: `robot:${p.robotId ?? 1}`,
    robotId: 1,
    title: 'SIM-0001 stuck',
    detail: {},
    state: 'open',
    openedAt: 1_000,
    acknowledgedBy: null,
    acknowledgedAt: null,
    acknowledgeNote: null,
    resolvedAt: null,
    resolvedBy: null,
    resolveNote: null,
    flaps: 0,
    active: true,
    traceId: null,
    updatedAt: 1_000,
    ...p,
  };
}
