// A 500 tells the caller only "internal error; the server log has the detail" (trpc.ts keeps causes, SQL and stacks
// from callers): this writes that detail, once per failed call, with the procedure path and the cause. Before it,
// tRPC's HTTP handler had no onError and a 500 logged nothing (issue 12, chaos trpc-fuzz).
import type { TRPCError } from '@trpc/server';
import { createThrottle } from '../domain/log-bounds';
import type { Logger } from '../ports/logger';

export interface FailedCall {
  error: TRPCError;
  path: string | undefined;
  type: string;
}

/** The tRPC handler's `onError`: logs each INTERNAL_SERVER_ERROR (every other code is an answer, not a fault). */
export function internalErrorLog(logger: Logger): (call: FailedCall) => void {
  const log = logger.child({ component: 'api:trpc' });
  // The same fault in a loop or a batch is logged the first few times, then every 1000th with its count.
  const shouldLog = createThrottle();
  const counts = new Map<string, number>();
  return ({ error, path, type }) => {
    if (error.code !== 'INTERNAL_SERVER_ERROR') return;
    const cause = error.cause ?? error;
    const message = cause instanceof Error ? cause.message : String(cause);
    const key = `${path}\n${message.slice(0, 200)}`;
    if (!counts.has(key) && counts.size >= 1000) counts.clear();
    const count = (counts.get(key) ?? 0) + 1;
    counts.set(key, count);
    // The logger bounds every field (message and stack cut to MAX_LOG_TEXT): no line carries a whole query.
    if (shouldLog(key))
      log.error(
        { path: path ?? '(unknown procedure)', type, err: message, stack: cause instanceof Error ? cause.stack : undefined, count },
        'procedure failed (answered 500)',
      );
  };
}
