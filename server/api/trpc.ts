// tRPC initialisation: context, error formatter and procedure tiers. Who may call what is decided here, in one
// place, from the capability table in domain/identity/roles.ts; every refusal is audited (repeats coalesced).
// Every procedure answers within PROCEDURE_DEADLINE_MS; a database that refuses or does not answer is a 503.
import { initTRPC, TRPCError } from '@trpc/server';
import superjson, { type SuperJSONResult } from 'superjson';
import { ZodError } from 'zod';
import { isDomainError } from '../domain/domain-error';
import { can, type Capability, type Principal } from '../domain/identity/roles';
import { isConnectionFailure, UnavailableError, unavailableMessage, withDeadline } from '../domain/unavailable';
import type { AppRuntime } from '../runtime';
import { MAX_INPUT_DEPTH, nestsDeeperThan } from './input-depth';

/** No procedure holds a request longer than this; past it the caller gets SERVICE_UNAVAILABLE (503). */
export const PROCEDURE_DEADLINE_MS = 10_000;

/** superjson, with the input's depth bounded first (superjson recurses: a deep input overflowed the stack). */
const transformer = {
  serialize: (value: unknown) => superjson.serialize(value),
  deserialize(raw: unknown) {
    // +2: superjson's envelope ({ json }, { meta: { values } }).
    if (nestsDeeperThan(raw, MAX_INPUT_DEPTH + 2)) {
      throw new TRPCError({ code: 'BAD_REQUEST', message: `the input nests more than ${MAX_INPUT_DEPTH} levels deep; refused` });
    }
    return superjson.deserialize(raw as SuperJSONResult);
  },
};

export interface Context {
  runtime: AppRuntime;
  /** The signed-in user of the request's session cookie; null when there is none or it is no longer valid. */
  principal: Principal | null;
  /** The caller's address, for the audit log. */
  address: string | null;
  /**
   * When the request's answer is due (epoch ms): its arrival plus PROCEDURE_DEADLINE_MS, so the session check at the
   * edge and the procedure share one budget (a session check that waited 5 s left the procedure another 10 s before).
   * Absent for in-process callers: the procedure then gets the whole deadline.
   */
  deadlineAt?: number;
}

const t = initTRPC.context<Context>().create({
  transformer,
  errorFormatter({ shape, error }) {
    // Never leak stack traces or driver messages (SQL) to the caller: unexpected errors get a generic message.
    const internal = error.code === 'INTERNAL_SERVER_ERROR';
    // tRPC's own body limit (a chunked body past maxBodySize) says only its code.
    const tooLarge = error.code === 'PAYLOAD_TOO_LARGE' && error.message === 'PAYLOAD_TOO_LARGE';
    return {
      ...shape,
      message: internal
        ? 'internal error; the server log has the detail'
        : tooLarge
          ? 'the request body is over the size limit; refused'
          : shape.message,
      data: {
        ...shape.data,
        stack: undefined,
        zodError: error.cause instanceof ZodError ? error.cause.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) : null,
      },
    };
  },
});

export const createTRPCRouter = t.router;
export const mergeRouters = t.mergeRouters;
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

/**
 * A bounded answer: a procedure whose database refuses the connection fails at once, one whose database does not
 * answer fails at the deadline, both as UnavailableError (mapped to SERVICE_UNAVAILABLE by domainErrors).
 */
const bounded = t.middleware(async ({ ctx, next, type }) => {
  const what = type === 'mutation' ? 'the database (the change may still be applied: check before retrying)' : 'the database';
  const left = ctx.deadlineAt === undefined ? PROCEDURE_DEADLINE_MS : Math.max(1, ctx.deadlineAt - Date.now());
  const result = await withDeadline(next(), left, what);
  if (!result.ok && isConnectionFailure(result.error.cause))
    throw new UnavailableError(unavailableMessage('the database'), { cause: result.error.cause });
  return result;
});

/** Open to anyone, signed in or not: only `auth.me`. */
export const publicProcedure = t.procedure.use(domainErrors).use(bounded);

function tier(capability: Capability) {
  return publicProcedure.use(({ ctx, path, type, next }) => {
    const p = ctx.principal;
    if (p && can(p.role, capability)) return next({ ctx: { ...ctx, principal: p } });
    // Coalesced: a batch or a loop of the same refused call is one audit row with a count, not one each.
    ctx.runtime.audit?.deny({
      actorId: p?.userId ?? null,
      actor: p?.email ?? 'anonymous',
      action: 'access',
      target: path,
      address: ctx.address,
      detail: { type, needs: capability, role: p?.role ?? null, reason: p ? `the ${p.role} role may not ${capability}` : 'no session' },
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
