import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { createTRPCRouter, viewerProcedure } from '../trpc';
import { fleetProtocolProcedures } from './fleet-protocol';

export const fleetRouter = createTRPCRouter({
  list: viewerProcedure.query(({ ctx }) => ctx.runtime.fleet.list()),
  byId: viewerProcedure.input(z.object({ id: z.number().int().positive() })).query(({ ctx, input }) => {
    const robot = ctx.runtime.fleet.get(input.id);
    if (!robot) throw new TRPCError({ code: 'NOT_FOUND', message: `No robot with id ${input.id}` });
    return robot;
  }),
  ...fleetProtocolProcedures,
});
