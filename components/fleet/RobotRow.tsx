'use client';
// One robot in the list: a focusable button (Enter/Space/click selects; with Shift or Ctrl it adds to or removes
// from the selection). Memoised: summaries are copy-on-write, so unchanged robots skip re-rendering.
import { memo, type MouseEvent } from 'react';
import type { AlertSeverity } from '@/server/domain/alerts/alert';
import { AlertMark } from '@/components/alerts';
import { robotStatus, STALE_AFTER_MS, type RobotView } from '@/server/domain/robot';
import { formatAgo, formatBattery } from './robot-format';
import { StatusBadge } from './StatusBadge';

interface Props {
  robot: RobotView;
  /** One of the selected robots (every one of a multi-selection is highlighted). */
  selected: boolean;
  /** The robot the side panel and the camera follow, in a multi-selection. */
  primary: boolean;
  /** Listed on top because it needs attention. */
  pinned: boolean;
  now: number;
  /** The most severe unresolved alert of the robot, if any. */
  alert: AlertSeverity | null;
  onSelect(id: number, e: MouseEvent): void;
}

/** Instead of the name while the robot is silent: how long ago it was last heard from. */
const silence = (lastSeenAt: number | null, now: number) =>
  lastSeenAt === null ? 'never heard from' : `last seen ${formatAgo(lastSeenAt, now)}`;

export const RobotRow = memo(function RobotRow({ robot, selected, primary, pinned, now, alert, onSelect }: Props) {
  const stale = robot.lastSeenAt === null || now - robot.lastSeenAt > STALE_AFTER_MS;
  const className = ['robot-row', selected ? 'selected' : '', primary ? 'primary' : '', pinned ? 'pinned' : ''].filter(Boolean).join(' ');
  return (
    <li>
      <button
        type="button"
        className={className}
        data-testid="robot-row"
        data-robot-id={robot.id}
        data-alert={alert ?? undefined}
        data-pinned={pinned || undefined}
        data-battery={robot.battery ?? undefined}
        aria-pressed={selected}
        onClick={(e) => onSelect(robot.id, e)}
      >
        <span className="robot-row-main">
          <span className="robot-serial">{robot.serialNumber}</span>
          <span className="robot-name">
            {stale ? silence(robot.lastSeenAt, now) : robot.name && robot.name !== robot.serialNumber ? robot.name : robot.manufacturer}
          </span>
        </span>
        <span className="robot-row-side">
          {alert ? <AlertMark severity={alert} /> : null}
          <StatusBadge status={robotStatus(robot)} stale={stale} />
          <span className="robot-battery" title="Battery charge (state of charge, % of full)">
            {formatBattery(robot.battery)}
          </span>
        </span>
      </button>
    </li>
  );
});
