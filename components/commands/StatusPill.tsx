import type { CommandStatus } from '@/server/domain/commands/command';
import { isFinal } from '@/server/domain/commands/command';
import { STATUS_TEXT, statusTone } from './command-format';

/** A command's status as a coloured pill; open statuses pulse gently. */
export function StatusPill({ status }: { status: CommandStatus }) {
  return (
    <span className={`cmd-status tone-${statusTone(status)}${isFinal(status) ? '' : ' open'}`} data-status={status}>
      {STATUS_TEXT[status]}
    </span>
  );
}
