// Bounds of the values every input names (times, robot ids, page cursors), shared by all procedures' zod schemas:
// a value past them cannot name anything real, and reaching a query it failed deep inside it as a 500 (issue 12,
// chaos trpc-fuzz: `from: -9007199254740991` is an invalid JS Date; a robotId past 2^31 overflows Postgres integer).
import { z } from 'zod';

/** The last millisecond of year 9999: the widest range a JS Date, Postgres and ISO 8601 text all hold. */
export const MAX_EPOCH_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
/** Robot ids are Postgres `integer` (serial). */
export const MAX_ROBOT_ID = 2 ** 31 - 1;

/** A time as epoch milliseconds, 1970-01-01 to 9999-12-31. */
export const epochMsSchema = z
  .number()
  .int('times are whole epoch milliseconds')
  .min(0, 'times start at 1970-01-01 (epoch 0)')
  .max(MAX_EPOCH_MS, 'times end at 9999-12-31');

export const robotIdSchema = z.number().int().positive().max(MAX_ROBOT_ID, `robot ids are at most ${MAX_ROBOT_ID}`);

/** A page cursor as this server gives them out: the decimal sequence number of the last row (a safe integer). */
export const seqCursorSchema = z.string().regex(/^\d{1,15}$/, 'cursor is not one this server gave out');

/** A time as epoch milliseconds or an ISO 8601 date-time (with Z or an offset), read as epoch ms within the bounds above. */
export const timeInputSchema = z
  .union([
    epochMsSchema,
    z
      .string()
      .max(40)
      .regex(
        /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/,
        'times are epoch ms or ISO 8601 with Z or an offset',
      ),
  ])
  .transform((v, ctx) => {
    if (typeof v === 'number') return v;
    const ms = Date.parse(v);
    if (!Number.isFinite(ms) || ms < 0 || ms > MAX_EPOCH_MS) {
      ctx.addIssue({ code: 'custom', message: `${v} is not a date-time between 1970 and 9999` });
      return z.NEVER;
    }
    return ms;
  });
