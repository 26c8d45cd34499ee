// credentials.*: MQTT credentials of robots (admin). A password is in the answer of create and of a reset, once.
// The service audits every change; this router only validates, checks the tier and maps refusals.
import { TRPCError } from '@trpc/server';
import { createCredentialInput, credentialIdInput, updateCredentialInput } from '../../domain/identity/mqtt-acl';
import type { Principal } from '../../domain/identity/roles';
import type { CredentialActor } from '../../services/identity/robot-credentials';
import { adminProcedure, createTRPCRouter, type Context } from '../trpc';
import { mappedIdentity } from './identity-errors';

function credentialsOf(ctx: Context) {
  const c = ctx.runtime.credentials;
  if (!c) throw new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: 'robot credentials are not managed in this process' });
  return c;
}

const actorOf = (ctx: Context & { principal: Principal }): CredentialActor => ({ actorId: ctx.principal.userId, actor: ctx.principal.email, address: ctx.address });

export const credentialsRouter = createTRPCRouter({
  list: adminProcedure.query(({ ctx }) => credentialsOf(ctx).list()),
  create: adminProcedure.input(createCredentialInput).mutation(({ ctx, input }) => mappedIdentity(() => credentialsOf(ctx).create(input, actorOf(ctx)))),
  update: adminProcedure.input(updateCredentialInput).mutation(({ ctx, input }) => mappedIdentity(() => credentialsOf(ctx).update(input, actorOf(ctx)))),
  delete: adminProcedure.input(credentialIdInput).mutation(async ({ ctx, input }) => {
    await mappedIdentity(() => credentialsOf(ctx).remove(input.id, actorOf(ctx)));
    return { id: input.id };
  }),
});
