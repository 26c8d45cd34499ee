// Sends commands over tRPC (one commands.issue per robot), feeds the replies to the live store and
// watches their outcomes for toasts. Mutation errors become toasts with the server's message.
import type { TRPCClient } from '@trpc/client';
import type { CommandView } from '@/server/domain/commands/command';
import type { AppRouter } from '@/server/api/root';
import { COMMAND_NAME } from './command-format';
import { askToCancel, markInFlight, type CommandRequest } from './command-flow-store';
import { robotName, watchOutcomes } from './command-outcomes';
import { applyCommandUpdates, useCommandStore } from './command-store';
import { pushToast } from '@/components/ui/toast-store';

export type CommandClient = TRPCClient<AppRouter>;

export interface IssueResult {
  issued: CommandView[];
  errors: { robotId: number; message: string }[];
}

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));
const known = (id: string) => useCommandStore.getState().byId[id];

export function commandLabel(r: Pick<CommandRequest, 'type' | 'targetLabel'>): string {
  return r.targetLabel ? `${COMMAND_NAME[r.type]} ${r.targetLabel}` : COMMAND_NAME[r.type];
}

function recordIssued(label: string, issued: CommandView[], errors: IssueResult['errors']): void {
  // Watch first: the store forwards changes to watched groups, and the socket may have been faster than the reply.
  watchOutcomes(label, issued, known);
  applyCommandUpdates(issued);
  if (errors.length === 0) return;
  const first = errors[0]!;
  pushToast({
    tone: 'bad',
    title: errors.length === 1 ? `${label} · ${robotName(first.robotId)}: not sent` : `${label}: not sent to ${errors.length} robots`,
    detail: first.message,
  });
}

export async function issueCommands(client: CommandClient, req: CommandRequest): Promise<IssueResult> {
  const { type, robotIds, params } = req;
  markInFlight(robotIds, 1);
  try {
    const settled = await Promise.allSettled(robotIds.map((robotId) => client.commands.issue.mutate({ robotId, type, params })));
    const result: IssueResult = { issued: [], errors: [] };
    settled.forEach((s, i) => {
      if (s.status === 'fulfilled') result.issued.push(s.value);
      else result.errors.push({ robotId: robotIds[i]!, message: messageOf(s.reason) });
    });
    recordIssued(commandLabel(req), result.issued, result.errors);
    return result;
  } finally {
    markInFlight(robotIds, -1);
  }
}

/** Pauses every robot (robotIds undefined) or the given ones, ahead of anything queued. */
export async function stopRobots(client: CommandClient, robotIds: number[] | undefined): Promise<CommandView[]> {
  const label = robotIds ? 'Pause selected' : 'Stop all';
  try {
    const issued = await client.commands.stopAll.mutate({ robotIds });
    recordIssued(label, issued, []);
    return issued;
  } catch (e) {
    pushToast({ tone: 'bad', title: `${label}: not sent`, detail: messageOf(e) });
    throw e;
  }
}

/** Cancels a command once the operator confirms it (null when they decline, or when it could not be cancelled). */
export async function cancelCommand(client: CommandClient, id: string): Promise<CommandView | null> {
  if (!(await askToCancel(id))) return null;
  try {
    const c = await client.commands.cancel.mutate({ id });
    applyCommandUpdates([c]);
    return c;
  } catch (e) {
    pushToast({ tone: 'bad', title: 'Cancel: not possible', detail: messageOf(e) });
    return null;
  }
}
