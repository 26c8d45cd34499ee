// credentials.*: MQTT credentials of robots (admin). A password is in the answer of create and of a reset, once.
// The service audits every change; this router only validates and checks the tier.
import { createCredentialInput, credentialIdInput, updateCredentialInput } from '../../domain/identity/mqtt-acl';
import type { Principal } from '../../domain/identity/roles';
import type { CredentialActor } from '../../services/identity/robot-credentials';
import { adminProcedure, createTRPCRouter, type Context } from '../trpc';

const actorOf = (ctx: Context & { principal: Principal }): CredentialActor => ({
  actorId: ctx.principal.userId,
  actor: ctx.principal.email,
  address: ctx.address,
});

export const credentialsRouter = createTRPCRouter({
  list: adminProcedure.query(({ ctx }) => ctx.runtime.credentials.list()),
  create: adminProcedure.input(createCredentialInput).mutation(({ ctx, input }) => ctx.runtime.credentials.create(input, actorOf(ctx))),
  update: adminProcedure.input(updateCredentialInput).mutation(({ ctx, input }) => ctx.runtime.credentials.update(input, actorOf(ctx))),
  delete: adminProcedure.input(credentialIdInput).mutation(async ({ ctx, input }) => {
    await ctx.runtime.credentials.remove(input.id, actorOf(ctx));
    return { id: input.id };
  }),
});
