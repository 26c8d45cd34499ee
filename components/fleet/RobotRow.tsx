'use client';
// One robot in the list: a focusable button (Enter/Space/click selects). Memoised: summaries are
// copy-on-write, so unchanged robots skip re-rendering.
import { memo } from 'react';
import type { AlertSeverity } from '@/server/domain/alerts/alert';
import { AlertMark } from '@/components/alerts';
import { robotStatus, STALE_AFTER_MS, type RobotView } from '@/server/domain/robot';
import { formatBattery } from './robot-format';
import { StatusBadge } from './StatusBadge';

interface Props {
  robot: RobotView;
  selected: boolean;
  now: number;
  /** The most severe unresolved alert of the robot, if any. */
  alert: AlertSeverity | null;
  onSelect(id: number): void;
}

export const RobotRow = memo(function RobotRow({ robot, selected, now, alert, onSelect }: Props) {
  const stale = robot.lastSeenAt === null || now - robot.lastSeenAt > STALE_AFTER_MS;
  return (
    <li>
      <button
        type="button"
        className={selected ? 'robot-row selected' : 'robot-row'}
        data-testid="robot-row"
        data-robot-id={robot.id}
        data-alert={alert ?? undefined}
        aria-pressed={selected}
        onClick={() => onSelect(robot.id)}
      >
        <span className="robot-row-main">
          <span className="robot-serial">{robot.serialNumber}</span>
          <span className="robot-name">{robot.name && robot.name !== robot.serialNumber ? robot.name : robot.manufacturer}</span>
        </span>
        <span className="robot-row-side">
          {alert ? <AlertMark severity={alert} /> : null}
          <StatusBadge status={robotStatus(robot)} stale={stale} />
          <span className="robot-battery">{formatBattery(robot.battery)}</span>
        </span>
      </button>
    </li>
  );
});
