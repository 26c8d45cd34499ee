// The command ledger as the API sees it (implemented by server/services/command-ledger.ts).
import type { CommandEventView, CommandPage, CommandView, IssueCommandInput, ListCommandsInput } from '../domain/commands/command';

export interface Issuer {
  /** Who issued it, as shown in the ledger (user name once sign-in exists). */
  name: string;
}

export interface CommandLedger {
  /** Validates, records and queues a command; returns it (a `rejected` one when the robot cannot take it). */
  issue(input: IssueCommandInput, by: Issuer): Promise<CommandView>;
  /** Pauses every robot, or the ones given, ahead of anything queued. */
  stopAll(robotIds: number[] | undefined, by: Issuer): Promise<CommandView[]>;
  byId(id: string): Promise<{ command: CommandView; events: CommandEventView[] }>;
  list(input: ListCommandsInput): Promise<CommandPage>;
  cancel(id: string, by: Issuer): Promise<CommandView>;
  /** Called with every changed command (batched by the caller as it likes). */
  onChange(listener: (c: CommandView) => void): () => void;
}
