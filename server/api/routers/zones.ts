// zones.*: thin. The site's zones with holders and queues and the request log for every signed-in user; revoking a
// grant for operators and up, audited.
import { z } from 'zod';
import { robotIdSchema } from '../../domain/input-bounds';
import { audited } from '../audited';
import { createTRPCRouter, operatorProcedure, viewerProcedure } from '../trpc';

/** Zone and edge ids as the site names them (LIF ids are short; the bound keeps a hostile input small). */
const resourceId = z.string().trim().min(1).max(200);
const kind = z.enum(['zone', 'edge']);

export const zonesRouter = createTRPCRouter({
  overview: viewerProcedure.query(({ ctx }) => ctx.runtime.zones.overview()),
  requests: viewerProcedure
    .input(
      z
        .object({
          robotId: robotIdSchema.optional(),
          kind: kind.optional(),
          resource: resourceId.optional(),
          limit: z.number().int().min(1).max(500).default(100),
        })
        .default({ limit: 100 }),
    )
    .query(async ({ ctx, input }) => ({ rows: await ctx.runtime.zones.requests(input) })),
  revoke: operatorProcedure.input(z.object({ kind, id: resourceId })).mutation(({ ctx, input }) =>
    audited(
      ctx,
      'zone.revoke',
      `${input.kind} ${input.id}`,
      () => ctx.runtime.zones.revoke(input.kind, input.id, ctx.principal.email),
      (r) => ({ robotId: r.robotId }),
      { ...input },
      (r) => (r.revoked ? null : `nobody holds ${input.kind} ${input.id}`),
    ),
  ),
});
