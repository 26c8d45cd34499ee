// commands.*: the command ledger. Thin: validate, call the ledger (its refusals carry their codes: trpc.ts maps them).
// Reading the ledger is for every viewer; issuing, stop-all and cancel for operators, as the signed-in user, audited
// (a command the ledger recorded as rejected is audited as failed, with the reason).
import { z } from 'zod';
import { issueCommandInput, listCommandsInput, stopAllInput } from '../../domain/commands/command';
import type { Principal } from '../../domain/identity/roles';
import type { Issuer } from '../../ports/command-ledger';
import { audited } from '../audited';
import { commandEventOutput, commandOutput, commandPageOutput } from '../contract-outputs';
import { createTRPCRouter, operatorProcedure, viewerProcedure } from '../trpc';

const issuer = (p: Principal): Issuer => ({ name: p.email });

const byId = z.object({ id: z.string().uuid('command ids are UUIDs') });

export const commandsRouter = createTRPCRouter({
  issue: operatorProcedure
    .input(issueCommandInput)
    .output(commandOutput)
    .mutation(({ ctx, input }) =>
      audited(
        ctx,
        'command.issue',
        `robot ${input.robotId}`,
        () => ctx.runtime.commands.issue(input, issuer(ctx.principal)),
        (c) => ({ commandId: c.id, status: c.status, outcome: c.outcome }),
        { type: input.type, params: input.params },
        (c) => (c.status === 'rejected' ? `rejected: ${c.outcome ?? 'no reason given'}` : null),
      ),
    ),
  stopAll: operatorProcedure
    .input(stopAllInput)
    .output(z.array(commandOutput))
    .mutation(({ ctx, input }) =>
      audited(
        ctx,
        'command.stopAll',
        input.robotIds ? `${input.robotIds.length} robots` : 'whole fleet',
        () => ctx.runtime.commands.stopAll(input.robotIds, issuer(ctx.principal)),
        (cs) => ({ commands: cs.length, rejected: cs.filter((c) => c.status === 'rejected').length, batchId: cs[0]?.batchId ?? null }),
        undefined,
        // Failed only when no robot took it; a partial refusal is in the counts (and each command in the ledger).
        (cs) => (cs.length > 0 && cs.every((c) => c.status === 'rejected') ? `rejected: ${cs[0]!.outcome ?? 'no reason given'}` : null),
      ),
    ),
  byId: viewerProcedure
    .input(byId)
    .output(z.object({ command: commandOutput, events: z.array(commandEventOutput) }))
    .query(({ ctx, input }) => ctx.runtime.commands.byId(input.id)),
  list: viewerProcedure
    .input(listCommandsInput)
    .output(commandPageOutput)
    .query(({ ctx, input }) => ctx.runtime.commands.list(input)),
  cancel: operatorProcedure
    .input(byId)
    .output(commandOutput)
    .mutation(({ ctx, input }) =>
      audited(
        ctx,
        'command.cancel',
        `command ${input.id}`,
        () => ctx.runtime.commands.cancel(input.id, issuer(ctx.principal)),
        (c) => ({ status: c.status }),
      ),
    ),
});
