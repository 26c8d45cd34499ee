'use client';
// Side panel for the selected robot, over the 3D view (or for the whole selection when several are selected).
// It can be collapsed to its header, so that on a small screen the scene and its legend stay in view.
import Link from 'next/link';
import { useId } from 'react';
import { RobotCommands } from '@/components/commands';
import { SelectionPanel } from '@/components/commands';
import { useFleetStore } from '@/components/realtime/fleet-store';
import { ReplayCommandNotice } from '@/components/replay';
import { FaultInjection } from '@/components/sim';
import { robotStatus } from '@/server/domain/robot';
import { RobotFacts } from './RobotFacts';
import { StatusBadge } from './StatusBadge';

export function RobotPanel({ collapsed, onCollapse }: { collapsed: boolean; onCollapse(collapsed: boolean): void }) {
  const selectedId = useFleetStore((s) => s.selectedId);
  const robot = useFleetStore((s) => (s.selectedId === null ? undefined : s.robots[s.selectedId]));
  const follow = useFleetStore((s) => s.follow);
  const select = useFleetStore((s) => s.select);
  const setFollow = useFleetStore((s) => s.setFollow);
  const many = useFleetStore((s) => s.selectedIds.length > 1);
  // Replaying: the panel shows the robot as it was, and commands (which act now) are off.
  const replaying = useFleetStore((s) => s.replayAt !== null);
  const bodyId = useId();
  if (many && !replaying) return <SelectionPanel />;
  if (selectedId === null || !robot) return null;
  return (
    <aside
      className={collapsed ? 'robot-panel collapsed' : 'robot-panel'}
      data-testid="robot-panel"
      aria-label={`Robot ${robot.serialNumber}`}
    >
      <header>
        <div>
          <h2>{robot.name || robot.serialNumber}</h2>
          <p className="muted">
            {collapsed ? <StatusBadge status={robotStatus(robot)} stale={robot.stale === true} /> : `Robot id ${robot.id}`}
          </p>
        </div>
        <div className="robot-panel-actions">
          <button
            type="button"
            className="icon-button"
            data-testid="panel-collapse"
            aria-expanded={!collapsed}
            aria-controls={bodyId}
            aria-label={collapsed ? 'Expand the panel' : 'Collapse the panel to its title'}
            title={collapsed ? 'Expand' : 'Collapse'}
            onClick={() => onCollapse(!collapsed)}
          >
            {collapsed ? '▸' : '▾'}
          </button>
          <button type="button" className="icon-button" aria-label="Close panel (Escape)" onClick={() => select(null)}>
            ×
          </button>
        </div>
      </header>
      <div id={bodyId} className="robot-panel-body" hidden={collapsed}>
        {replaying ? <ReplayCommandNotice /> : <RobotCommands robotId={robot.id} />}
        <RobotFacts robot={robot} />
        {replaying ? null : <FaultInjection robotId={robot.id} serialNumber={robot.serialNumber} className="panel-section" />}
        <footer>
          <label className="toggle">
            <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} />
            Follow with camera
          </label>
          <Link href={`/robots/${robot.id}`} className="button-link">
            Open details →
          </Link>
        </footer>
      </div>
    </aside>
  );
}
