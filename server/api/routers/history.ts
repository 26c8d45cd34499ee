// history.fleetAt / range / events / robotSeries: the fleet's memory, read back (viewers and up). Times are epoch ms
// or ISO 8601 strings; windows are bounded per call (range ≤ 24 h, robotSeries ≤ 31 days, events ≤ 31 days).
import { z } from 'zod';
import { ALL_HISTORY_EVENT_KINDS, type HistoryEventKind } from '../../domain/history/history-event';
import { ROBOT_SERIES_FIELDS } from '../../domain/history/history-api';
import { robotIdSchema, seqCursorSchema, timeInputSchema } from '../../domain/input-bounds';
import { createTRPCRouter, viewerProcedure } from '../trpc';

const HOUR = 3600_000;
export const MAX_RANGE_MS = 24 * HOUR;
export const MAX_EVENTS_WINDOW_MS = 31 * 24 * HOUR;
export const MAX_SERIES_WINDOW_MS = 31 * 24 * HOUR;
const MAX_ROBOT_IDS = 2_000;

type Window = { from: number; to: number };

/** { from, to } with from ≤ to and to - from ≤ maxMs, with errors that say which bound was crossed. */
function windowOf<S extends z.ZodRawShape>(maxMs: number, what: string, shape: S) {
  return z
    .object({ from: timeInputSchema, to: timeInputSchema, ...shape })
    .refine((w) => (w as Window).from <= (w as Window).to, { message: 'from must not be after to', path: ['from'] })
    .refine((w) => (w as Window).to - (w as Window).from <= maxMs, {
      message: `${what} spans at most ${maxMs / HOUR} h per call`,
      path: ['to'],
    });
}

const robotIds = z.array(robotIdSchema).min(1).max(MAX_ROBOT_IDS).optional();
const eventKind = z.enum(ALL_HISTORY_EVENT_KINDS as [HistoryEventKind, ...HistoryEventKind[]]);

export const historyRouter = createTRPCRouter({
  fleetAt: viewerProcedure.input(z.object({ at: timeInputSchema })).query(({ ctx, input }) => ctx.runtime.history.fleetAt(input.at)),
  range: viewerProcedure
    .input(
      windowOf(MAX_RANGE_MS, 'a range', {
        robotIds,
        stepMs: z.number().int().min(0).max(60_000).optional(),
        cursor: seqCursorSchema.optional(),
      }),
    )
    .query(({ ctx, input }) => ctx.runtime.history.range(input)),
  events: viewerProcedure
    .input(
      windowOf(MAX_EVENTS_WINDOW_MS, 'an events query', {
        robotIds,
        kinds: z.array(eventKind).min(1).max(ALL_HISTORY_EVENT_KINDS.length).optional(),
        limit: z.number().int().min(1).max(5_000).default(500),
        order: z.enum(['asc', 'desc']).default('desc'),
      }),
    )
    .query(({ ctx, input }) => ctx.runtime.history.events(input)),
  robotSeries: viewerProcedure
    .input(
      windowOf(MAX_SERIES_WINDOW_MS, 'a series', {
        robotId: robotIdSchema,
        fields: z.array(z.enum(ROBOT_SERIES_FIELDS)).min(1).max(ROBOT_SERIES_FIELDS.length),
      }),
    )
    .query(({ ctx, input }) => ctx.runtime.history.robotSeries(input)),
});
