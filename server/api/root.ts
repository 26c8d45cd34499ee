import { createCallerFactory, createTRPCRouter } from './trpc';
import { commandsRouter } from './routers/commands';
import { fleetRouter } from './routers/fleet';
import { mapRouter } from './routers/map';
import { simRouter } from './routers/sim';

export const appRouter = createTRPCRouter({
  commands: commandsRouter,
  fleet: fleetRouter,
  map: mapRouter,
  sim: simRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
