'use client';
// Side panel for the selected robot, over the 3D view (or for the whole selection when several are selected).
import Link from 'next/link';
import { RobotCommands } from '@/components/commands';
import { SelectionPanel } from '@/components/commands';
import { useFleetStore } from '@/components/realtime/fleet-store';
import { FaultInjection } from '@/components/sim';
import { RobotFacts } from './RobotFacts';

export function RobotPanel() {
  const selectedId = useFleetStore((s) => s.selectedId);
  const robot = useFleetStore((s) => (s.selectedId === null ? undefined : s.robots[s.selectedId]));
  const follow = useFleetStore((s) => s.follow);
  const select = useFleetStore((s) => s.select);
  const setFollow = useFleetStore((s) => s.setFollow);
  const many = useFleetStore((s) => s.selectedIds.length > 1);
  if (many) return <SelectionPanel />;
  if (selectedId === null || !robot) return null;
  return (
    <aside className="robot-panel" data-testid="robot-panel" aria-label={`Robot ${robot.serialNumber}`}>
      <header>
        <div>
          <h2>{robot.name || robot.serialNumber}</h2>
          <p className="muted">#{robot.id}</p>
        </div>
        <button type="button" className="icon-button" aria-label="Close panel (Escape)" onClick={() => select(null)}>
          ×
        </button>
      </header>
      <RobotCommands robotId={robot.id} />
      <RobotFacts robot={robot} />
      <FaultInjection robotId={robot.id} serialNumber={robot.serialNumber} className="panel-section" />
      <footer>
        <label className="toggle">
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} />
          Follow with camera
        </label>
        <Link href={`/robots/${robot.id}`} className="button-link">
          Open details →
        </Link>
      </footer>
    </aside>
  );
}
