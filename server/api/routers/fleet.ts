import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { createTRPCRouter, publicProcedure } from '../trpc';
import { fleetProtocolProcedures } from './fleet-protocol';

export const fleetRouter = createTRPCRouter({
  list: publicProcedure.query(({ ctx }) => ctx.runtime.fleet.list()),
  byId: publicProcedure.input(z.object({ id: z.number().int().positive() })).query(({ ctx, input }) => {
    const robot = ctx.runtime.fleet.get(input.id);
    if (!robot) throw new TRPCError({ code: 'NOT_FOUND', message: `No robot with id ${input.id}` });
    return robot;
  }),
  ...fleetProtocolProcedures,
});
