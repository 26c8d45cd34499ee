import { createCallerFactory, createTRPCRouter } from './trpc';
import { fleetRouter } from './routers/fleet';
import { mapRouter } from './routers/map';

export const appRouter = createTRPCRouter({
  fleet: fleetRouter,
  map: mapRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
