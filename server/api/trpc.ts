// tRPC initialisation: context, error formatter and procedure tiers.
import { initTRPC } from '@trpc/server';
import superjson from 'superjson';
import { ZodError } from 'zod';
import type { AppRuntime } from '../runtime';

export interface Context {
  runtime: AppRuntime;
}

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    return {
      ...shape,
      data: {
        ...shape.data,
        // Never leak stack traces; keep field errors so a form can show them.
        stack: undefined,
        zodError: error.cause instanceof ZodError ? error.cause.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) : null,
      },
    };
  },
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;
/** Open to every caller; the identity issue adds authenticated tiers here. */
export const publicProcedure = t.procedure;
