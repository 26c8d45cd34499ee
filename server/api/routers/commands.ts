// commands.*: the command ledger. Thin: validate, call the ledger, map its refusals to tRPC codes.
// Public until the identity issue adds roles; the issuer is then the signed-in user.
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
import { createTRPCRouter, publicProcedure, type Context } from '../trpc';

const ANONYMOUS: Issuer = { name: 'anonymous' };

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
  issue: publicProcedure.input(issueCommandInput).mutation(({ ctx, input }) => mapped(() => ledger(ctx).issue(input, ANONYMOUS))),
  stopAll: publicProcedure.input(stopAllInput).mutation(({ ctx, input }) => mapped(() => ledger(ctx).stopAll(input.robotIds, ANONYMOUS))),
  byId: publicProcedure.input(byId).query(({ ctx, input }) => mapped(() => ledger(ctx).byId(input.id))),
  list: publicProcedure.input(listCommandsInput).query(({ ctx, input }) => mapped(() => ledger(ctx).list(input))),
  cancel: publicProcedure.input(byId).mutation(({ ctx, input }) => mapped(() => ledger(ctx).cancel(input.id, ANONYMOUS))),
});
