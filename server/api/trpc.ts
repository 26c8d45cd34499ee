// tRPC initialisation: context, error formatter and procedure tiers. Who may call what is decided here, in one
// place, from the capability table in domain/identity/roles.ts; every refusal is audited.
import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { ZodError } from 'zod';
import { isDomainError } from '../domain/domain-error';
import { can, type Capability, type Principal } from '../domain/identity/roles';
import type { AppRuntime } from '../runtime';

export interface Context {
  runtime: AppRuntime;
  /** The signed-in user of the request's session cookie; null when there is none or it is no longer valid. */
  principal: Principal | null;
  /** The caller's address, for the audit log. */
  address: string | null;
}

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    // Never leak stack traces or driver messages (SQL) to the caller: unexpected errors get a generic message.
    const internal = error.code === 'INTERNAL_SERVER_ERROR';
    return {
      ...shape,
      message: internal ? 'internal error; the server log has the detail' : shape.message,
      data: {
        ...shape.data,
        stack: undefined,
        zodError: error.cause instanceof ZodError ? error.cause.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) : null,
      },
    };
  },
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/** The one place where domain refusals become tRPC (and HTTP) codes: each DomainError carries its code. */
const domainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && isDomainError(result.error.cause)) {
    const e = result.error.cause;
    throw new TRPCError({ code: e.code, message: e.message, cause: e });
  }
  return result;
});

/** Open to anyone, signed in or not: only `auth.me`. */
export const publicProcedure = t.procedure.use(domainErrors);

function tier(capability: Capability) {
  return publicProcedure.use(({ ctx, path, type, next }) => {
    const p = ctx.principal;
    if (p && can(p.role, capability)) return next({ ctx: { ...ctx, principal: p } });
    ctx.runtime.audit?.record({
      actorId: p?.userId ?? null,
      actor: p?.email ?? 'anonymous',
      action: 'access',
      target: path,
      outcome: 'denied',
      address: ctx.address,
      detail: { type, needs: capability, role: p?.role ?? null },
    });
    if (!p) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'sign in first' });
    throw new TRPCError({ code: 'FORBIDDEN', message: `the ${p.role} role may not ${DESCRIBE[capability]}` });
  });
}

const DESCRIBE: Record<Capability, string> = {
  view: 'view the fleet',
  command: 'send commands to robots',
  inspect: 'open trace detail or message payloads',
  injectFaults: 'inject faults',
  administer: 'administer users, credentials or the audit log',
};

/** Any signed-in user: the live fleet, map, ledger and data-flow graph. */
export const viewerProcedure = tier('view');
/** Commands to robots. */
export const operatorProcedure = tier('command');
/** Trace detail, message samples and payloads. */
export const architectProcedure = tier('inspect');
/** Fault injection into the simulated fleet (QA works as operator or architect). */
export const faultProcedure = tier('injectFaults');
/** Users, robot credentials, the audit log. */
export const adminProcedure = tier('administer');
