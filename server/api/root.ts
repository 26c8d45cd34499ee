import { createCallerFactory, createTRPCRouter, mergeRouters } from './trpc';
import { alertRulesRouter, alertsRouter } from './routers/alerts';
import { auditRouter } from './routers/audit';
import { commandsRouter } from './routers/commands';
import { credentialsRouter } from './routers/credentials';
import { fleetRouter } from './routers/fleet';
import { historyRouter } from './routers/history';
import { historyWhyRouter } from './routers/history-why';
import { flowRouter } from './routers/flow';
import { mapRouter } from './routers/map';
import { simRouter } from './routers/sim';
import { tracesRouter } from './routers/traces';
import { authRouter, usersRouter } from './routers/users';
import { zonesRouter } from './routers/zones';

export const appRouter = createTRPCRouter({
  commands: commandsRouter,
  fleet: fleetRouter,
  map: mapRouter,
  sim: simRouter,
  flow: flowRouter,
  traces: tracesRouter,
  auth: authRouter,
  users: usersRouter,
  audit: auditRouter,
  credentials: credentialsRouter,
  alerts: alertsRouter,
  alertRules: alertRulesRouter,
  history: mergeRouters(historyRouter, historyWhyRouter),
  zones: zonesRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
