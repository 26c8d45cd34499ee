'use client';
// One button per command type for one robot or a selection; disabled while a request for any of them is in flight.
import { COMMAND_TYPES, type CommandType } from '@/server/domain/commands/command';
import { COMMAND_LABEL } from './command-format';
import { isDisruptive, useCommandFlow } from './command-flow-store';
import { useStartCommand } from './use-start-command';

const HINT: Partial<Record<CommandType, string>> = {
  pause: 'Stop where it is (instant action startPause)',
  resume: 'Continue after a pause',
  cancelOrder: 'Stop and drop the current order',
  goTo: 'Drive to a node or named place',
  charge: 'Drive to the nearest free charger',
  initPosition: 'Tell the robot where it is',
};

export function CommandButtons({ robotIds }: { robotIds: readonly number[] }) {
  const busy = useCommandFlow((s) => robotIds.some((id) => (s.inFlight[id] ?? 0) > 0));
  const start = useStartCommand();
  return (
    <fieldset className="command-buttons" aria-label="Commands" aria-busy={busy}>
      {COMMAND_TYPES.map((type) => (
        <button
          key={type}
          type="button"
          className={isDisruptive(type) ? 'small-button caution' : 'small-button'}
          data-testid={`command-button-${type}`}
          disabled={busy}
          title={HINT[type]}
          onClick={() => start(type, robotIds)}
        >
          {COMMAND_LABEL[type]}
        </button>
      ))}
    </fieldset>
  );
}
