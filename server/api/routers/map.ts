import { createTRPCRouter, publicProcedure } from '../trpc';

export const mapRouter = createTRPCRouter({
  get: publicProcedure.query(({ ctx }) => ctx.runtime.map),
});
