// Which database errors a batch write may retry as a whole and which are about the rows in it. Retrying is the
// safe default (a database that is down or restarting must never cost data); only errors Postgres raises for the
// data itself lead the batch writer to isolate the row at fault.

/** SQLSTATE classes about the data: 22 data exception (e.g. 22P05 untranslatable character, 22021 bad encoding),
 *  23 integrity constraint violation, 54 program limit exceeded (e.g. a value too large). */
const ROW_CLASSES = ['22', '23', '54'];

/** The SQLSTATE of an error or of its causes (drizzle wraps the driver's error in a DrizzleQueryError). */
export function sqlStateOf(err: unknown): string | null {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return null;
}

/** True when the database refused the rows themselves, so writing the same batch again would fail again. */
export function isRowError(err: unknown): boolean {
  const code = sqlStateOf(err);
  return code !== null && ROW_CLASSES.includes(code.slice(0, 2));
}
