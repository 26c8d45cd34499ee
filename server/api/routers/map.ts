import { createTRPCRouter, viewerProcedure } from '../trpc';

export const mapRouter = createTRPCRouter({
  get: viewerProcedure.query(({ ctx }) => ctx.runtime.map),
});
