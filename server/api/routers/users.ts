// users.*: accounts and roles (admin). auth.me: who is signed in (anyone; null when nobody).
import { createUserInput, updateUserInput } from '../../domain/identity/user';
import { capabilitiesOf } from '../../domain/identity/roles';
import { z } from 'zod';
import { userOutput } from '../contract-outputs';
import { adminProcedure, createTRPCRouter, publicProcedure } from '../trpc';

export const usersRouter = createTRPCRouter({
  list: adminProcedure.output(z.array(userOutput)).query(({ ctx }) => ctx.runtime.identity.listUsers()),
  create: adminProcedure
    .input(createUserInput)
    .output(userOutput)
    .mutation(({ ctx, input }) => ctx.runtime.identity.createUser(input, { principal: ctx.principal, address: ctx.address })),
  update: adminProcedure
    .input(updateUserInput)
    .output(userOutput)
    .mutation(({ ctx, input }) => ctx.runtime.identity.updateUser(input, { principal: ctx.principal, address: ctx.address })),
});

export const authRouter = createTRPCRouter({
  me: publicProcedure.query(({ ctx }) => {
    const p = ctx.principal;
    return p ? { id: p.userId, email: p.email, name: p.name, role: p.role, capabilities: capabilitiesOf(p.role) } : null;
  }),
});
