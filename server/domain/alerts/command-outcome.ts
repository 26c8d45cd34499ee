// command.failed: the robot's latest finished command failed, timed out or expired; a later success clears it.
// Cancelled and rejected commands decide nothing (an operator's choice, or refused before reaching the robot). Pure.
import type { CommandStatus, CommandView } from '../commands/command';
import { robotLabel, type CommandOutcome, type RobotCondition } from './robot-facts';
import { CLEAR, firing } from './verdict';

const FAILURES: ReadonlySet<CommandStatus> = new Set(['failed', 'timed_out', 'expired']);
const DECIDING: ReadonlySet<CommandStatus> = new Set([...FAILURES, 'succeeded']);

const WORDS: Partial<Record<CommandStatus, string>> = { failed: 'failed', timed_out: 'timed out', expired: 'expired' };
const MAX_OUTCOME = 200;

/** The robot's outcome after a command changed: the command's when it finished deciding and is not older. */
export function nextCommandOutcome(prev: CommandOutcome | null, c: CommandView): CommandOutcome | null {
  if (!DECIDING.has(c.status)) return prev;
  const finishedAt = c.finishedAt ?? c.updatedAt;
  if (prev && finishedAt < prev.finishedAt) return prev;
  return {
    commandId: c.id,
    type: c.type,
    status: c.status,
    finishedAt,
    outcome: c.outcome === null ? null : c.outcome.slice(0, MAX_OUTCOME),
    traceId: c.traceId || null,
  };
}

/** Unknown (null) until a command of the robot finishes while the engine watches: an open alert stays as it is. */
export const commandFailed: RobotCondition = (rule, { robot: r, command }) => {
  if (!command) return null;
  if (!FAILURES.has(command.status)) return CLEAR;
  const v = firing(
    rule,
    `${robotLabel(r)} command ${command.type} ${WORDS[command.status]}${command.outcome ? `: ${command.outcome}` : ''}`,
    {
      commandId: command.commandId,
      type: command.type,
      status: command.status,
      outcome: command.outcome,
      since: command.finishedAt,
    },
  );
  return { ...v, traceId: command.traceId };
};
