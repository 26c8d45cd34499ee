'use client';
// Side panel when several robots are selected (shift-click, box select): who is selected, Pause selected (the
// selection's stop; Stop all always covers the fleet) and commands that go to every one of them (one per robot).
import { robotStatus } from '@/server/domain/robot';
import { useCan } from '@/components/auth/use-me';
import { useFleetStore } from '@/components/realtime/fleet-store';
import { StatusBadge } from '@/components/fleet';
import { CommandButtons } from './CommandButtons';
import { PauseSelectedButton } from './PauseSelectedButton';
import './commands.css';

export function SelectionPanel() {
  const selectedIds = useFleetStore((s) => s.selectedIds);
  const robots = useFleetStore((s) => s.robots);
  const select = useFleetStore((s) => s.select);
  const toggle = useFleetStore((s) => s.toggleSelected);
  const canCommand = useCan('command');
  return (
    <aside className="robot-panel selection-panel" data-testid="selection-panel" aria-label={`${selectedIds.length} robots selected`}>
      <header>
        <div>
          <h2>
            <span data-testid="selection-count">{selectedIds.length}</span> robots selected
          </h2>
          <p className="muted">Shift-click a robot to add or remove it</p>
        </div>
        <button type="button" className="icon-button" aria-label="Clear selection (Escape)" onClick={() => select(null)}>
          ×
        </button>
      </header>
      {canCommand ? (
        <section className="panel-section robot-commands" aria-label="Commands for the selection">
          <h2>Commands for all {selectedIds.length}</h2>
          <PauseSelectedButton robotIds={selectedIds} />
          <CommandButtons robotIds={selectedIds} />
        </section>
      ) : null}
      <ul className="selection-list">
        {selectedIds.map((id) => {
          const r = robots[id];
          return (
            <li key={id} data-testid="selected-robot" data-robot-id={id}>
              <button type="button" className="link-button" onClick={() => select(id)} title="Show only this robot">
                {r?.serialNumber ?? `#${id}`}
              </button>
              {r ? <StatusBadge status={robotStatus(r)} /> : null}
              <button
                type="button"
                className="icon-button small"
                aria-label={`Remove ${r?.serialNumber ?? id} from the selection`}
                onClick={() => toggle(id)}
              >
                ×
              </button>
            </li>
          );
        })}
      </ul>
    </aside>
  );
}
