// traces.byId: the hops of one traced message in path order; traces.search: traces by robot, kind and time.
import { z } from 'zod';
import { TRACE_ID_RE } from '../../domain/flow/hop';
import { epochMsSchema, robotIdSchema } from '../../domain/input-bounds';
import { TraceNotFoundError } from '../../domain/lookup-errors';
import { architectProcedure, createTRPCRouter } from '../trpc';
import { flowReaderOf } from './flow-reader-of';

export const tracesRouter = createTRPCRouter({
  byId: architectProcedure
    .input(z.object({ traceId: z.string().regex(TRACE_ID_RE, 'traceId must be 32 hex digits') }))
    .query(async ({ ctx, input }) => {
      const hops = await flowReaderOf(ctx).traceById(input.traceId);
      if (!hops) throw new TraceNotFoundError(input.traceId);
      return { traceId: input.traceId, hops };
    }),
  search: architectProcedure
    .input(
      z
        .object({
          robotId: robotIdSchema.optional(),
          kind: z.enum(['telemetry', 'command']).optional(),
          fromMs: epochMsSchema.optional(),
          toMs: epochMsSchema.optional(),
          limit: z.number().int().min(1).max(500).default(50),
        })
        .refine((p) => p.fromMs === undefined || p.toMs === undefined || p.fromMs <= p.toMs, 'fromMs must not be after toMs'),
    )
    .query(({ ctx, input }) => flowReaderOf(ctx).search(input)),
});
