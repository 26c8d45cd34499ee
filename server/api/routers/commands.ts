// commands.*: the command ledger. Thin: validate, call the ledger, map its refusals to tRPC codes.
// Reading the ledger is for every viewer; issuing, stop-all and cancel for operators, as the signed-in user, audited.
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { issueCommandInput, listCommandsInput, stopAllInput } from '../../domain/commands/command';
import {
  CommandLedgerError,
  CommandNotFoundError,
  IdempotencyConflictError,
  InvalidCommandError,
  LedgerUnavailableError,
  NotCancellableError,
} from '../../domain/commands/command-errors';
import type { CommandLedger, Issuer } from '../../ports/command-ledger';
import type { Principal } from '../../domain/identity/roles';
import { audited } from '../audited';
import { createTRPCRouter, operatorProcedure, viewerProcedure, type Context } from '../trpc';

const issuer = (p: Principal): Issuer => ({ name: p.email });

function ledger(ctx: Context): CommandLedger {
  const l = ctx.runtime.commands;
  if (!l) throw new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: 'the command ledger is not running' });
  return l;
}

function toTrpcError(e: unknown): unknown {
  if (!(e instanceof CommandLedgerError)) return e;
  const code =
    e instanceof InvalidCommandError
      ? 'BAD_REQUEST'
      : e instanceof CommandNotFoundError
        ? 'NOT_FOUND'
        : e instanceof IdempotencyConflictError || e instanceof NotCancellableError
          ? 'CONFLICT'
          : e instanceof LedgerUnavailableError
            ? 'SERVICE_UNAVAILABLE'
            : 'INTERNAL_SERVER_ERROR';
  return new TRPCError({ code, message: e.message, cause: e });
}

async function mapped<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    throw toTrpcError(e);
  }
}

const byId = z.object({ id: z.string().uuid('command ids are UUIDs') });

export const commandsRouter = createTRPCRouter({
  issue: operatorProcedure.input(issueCommandInput).mutation(({ ctx, input }) =>
    audited(ctx, 'command.issue', `robot ${input.robotId}`, () => mapped(() => ledger(ctx).issue(input, issuer(ctx.principal))), (c) => ({ commandId: c.id, status: c.status, outcome: c.outcome }), { type: input.type, params: input.params }),
  ),
  stopAll: operatorProcedure.input(stopAllInput).mutation(({ ctx, input }) =>
    audited(ctx, 'command.stopAll', input.robotIds ? `${input.robotIds.length} robots` : 'whole fleet', () => mapped(() => ledger(ctx).stopAll(input.robotIds, issuer(ctx.principal))), (cs) => ({ commands: cs.length, batchId: cs[0]?.batchId ?? null })),
  ),
  byId: viewerProcedure.input(byId).query(({ ctx, input }) => mapped(() => ledger(ctx).byId(input.id))),
  list: viewerProcedure.input(listCommandsInput).query(({ ctx, input }) => mapped(() => ledger(ctx).list(input))),
  cancel: operatorProcedure.input(byId).mutation(({ ctx, input }) =>
    audited(ctx, 'command.cancel', `command ${input.id}`, () => mapped(() => ledger(ctx).cancel(input.id, issuer(ctx.principal))), (c) => ({ status: c.status })),
  ),
});
