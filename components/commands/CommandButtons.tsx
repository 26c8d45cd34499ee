'use client';
// One button per command type for one robot or a selection; disabled while a request for any of them is in flight.
// Targets that cannot hear a command now are said above the buttons (which then ask before sending), and a command
// that applies to none of the targets (stop charging, nobody charging; any command the operating mode forbids, e.g.
// MANUAL) is disabled with the reason.
import { useShallow } from 'zustand/react/shallow';
import { notApplicable } from '@/server/domain/commands/applicability';
import { COMMAND_TYPES, type CommandType } from '@/server/domain/commands/command';
import { useFleetStore } from '@/components/realtime/fleet-store';
import { COMMAND_LABEL } from './command-format';
import { isDisruptive, useCommandFlow } from './command-flow-store';
import { OfflineNote, useUnreachable } from './OfflineNote';
import { useStartCommand } from './use-start-command';

const HINT: Partial<Record<CommandType, string>> = {
  pause: 'Stop where it is (instant action startPause)',
  resume: 'Continue after a pause',
  cancelOrder: 'Stop and drop the current order',
  goTo: 'Drive to a node or named place',
  charge: 'Drive to the nearest free charger',
  stopCharging: 'End charging where it stands',
  initPosition: 'Tell the robot where it is',
};

/** Why a command applies to none of the robots (null: it applies to at least one), for each type. */
function useInapplicable(robotIds: readonly number[]): Partial<Record<CommandType, string>> {
  // One string per type ('' when it applies to some target), so the selector's result compares cheaply.
  const why = useFleetStore(
    useShallow((s) =>
      COMMAND_TYPES.map((type) => {
        const reasons = robotIds.map((id) => {
          const r = s.robots[id];
          return r ? notApplicable(r, type) : null;
        });
        if (reasons.length === 0 || reasons.some((r) => r === null)) return '';
        if (reasons.length === 1) return reasons[0]!;
        return type === 'stopCharging' && reasons.every((r) => r!.startsWith('not applicable'))
          ? `none of the ${reasons.length} robots is charging`
          : `applies to none of the ${reasons.length} robots: ${reasons[0]}`;
      }),
    ),
  );
  return Object.fromEntries(COMMAND_TYPES.flatMap((type, i) => (why[i] ? [[type, why[i]]] : [])));
}

export function CommandButtons({ robotIds }: { robotIds: readonly number[] }) {
  const busy = useCommandFlow((s) => robotIds.some((id) => (s.inFlight[id] ?? 0) > 0));
  const offline = useUnreachable(robotIds).length > 0;
  const inapplicable = useInapplicable(robotIds);
  const start = useStartCommand();
  return (
    <>
      <OfflineNote robotIds={robotIds} />
      <fieldset className="command-buttons" aria-label="Commands" aria-busy={busy}>
        {COMMAND_TYPES.map((type) => {
          const notNow = inapplicable[type];
          const cls = ['small-button', isDisruptive(type) ? 'caution' : '', offline ? 'offline' : ''].filter(Boolean).join(' ');
          return (
            <button
              key={type}
              type="button"
              className={cls}
              data-testid={`command-button-${type}`}
              data-offline={offline || undefined}
              disabled={busy || notNow !== undefined}
              title={notNow ?? (offline ? `${HINT[type] ?? ''} (waits: a target is offline)`.trim() : HINT[type])}
              onClick={() => start(type, robotIds)}
            >
              {offline ? <span aria-hidden>⚠ </span> : null}
              {COMMAND_LABEL[type]}
            </button>
          );
        })}
      </fieldset>
    </>
  );
}
