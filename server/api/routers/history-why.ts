// history.why: everything around one robot at one moment, lined up for root-cause analysis (viewers and up).
import { z } from 'zod';
import { WHY_MAX_AFTER_SEC, WHY_MAX_BEFORE_SEC } from '../../domain/history/incident-view';
import { robotIdSchema, timeInputSchema } from '../../domain/input-bounds';
import { createTRPCRouter, viewerProcedure } from '../trpc';

export const historyWhyInput = z.object({
  robotId: robotIdSchema,
  /** Epoch ms or ISO 8601, like the other history.* times. */
  at: timeInputSchema,
  /** Seconds of history before / after `at` (defaults 300 / 60). */
  beforeSec: z.number().int().min(0).max(WHY_MAX_BEFORE_SEC).optional(),
  afterSec: z.number().int().min(0).max(WHY_MAX_AFTER_SEC).optional(),
});

export const historyWhyRouter = createTRPCRouter({
  why: viewerProcedure.input(historyWhyInput).query(({ ctx, input }) =>
    ctx.runtime.incidents.why({
      robotId: input.robotId,
      at: input.at,
      beforeMs: input.beforeSec === undefined ? undefined : input.beforeSec * 1000,
      afterMs: input.afterSec === undefined ? undefined : input.afterSec * 1000,
    }),
  ),
});
