import pino, { type Logger } from 'pino';

export type { Logger };

/** Longest text a log line carries per field: a driver error quotes the whole failed query and its parameters
 *  (a trace_hops batch made 940 KB lines, retried every 5 s), and a payload can be anything a robot sent. */
export const MAX_LOG_TEXT = 1024;

/** The text cut to `max` characters, saying how long it was. */
export function truncateText(s: string, max: number = MAX_LOG_TEXT): string {
  return s.length <= max ? s : `${s.slice(0, max)}… [${s.length - max} more chars]`;
}

/** Strings, errors, arrays and nested objects of a log record, each string truncated (a few levels deep). */
function bounded(v: unknown, depth: number): unknown {
  if (typeof v === 'string') return truncateText(v);
  if (v === null || typeof v !== 'object') return v;
  if (depth >= 4) return '[object]';
  if (v instanceof Error) {
    const e = v as Error & { code?: unknown };
    return { type: e.name, message: truncateText(e.message), ...(e.code !== undefined && { code: e.code }), ...(e.stack && { stack: truncateText(e.stack) }) };
  }
  if (Buffer.isBuffer(v)) return `[${v.length} bytes]`;
  if (Array.isArray(v)) return (v.length > 50 ? [...v.slice(0, 50), `… ${v.length - 50} more`] : v).map((x) => bounded(x, depth + 1));
  const out: Record<string, unknown> = {};
  let n = 0;
  for (const k of Object.keys(v)) {
    if (++n > 50) {
      out['…'] = `${Object.keys(v).length - 50} more keys`;
      break;
    }
    out[k] = bounded((v as Record<string, unknown>)[k], depth + 1);
  }
  return out;
}

export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info', destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { app: 'fleetscope' },
    timestamp: pino.stdTimeFunctions.isoTime,
    // Every record and message is bounded here, whoever logs: no line carries a whole query or payload.
    formatters: { log: (o) => bounded(o, 0) as Record<string, unknown> },
    hooks: {
      logMethod(args, method) {
        const a = args as unknown[];
        for (let i = 0; i < a.length; i++) if (typeof a[i] === 'string') a[i] = truncateText(a[i] as string);
        method.apply(this, args);
      },
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** Logs the first few occurrences of a repeated problem, then every `every`-th, so a flood cannot drown the log. */
export function createThrottle(first = 5, every = 1000, maxKeys = 10_000): (key: string) => boolean {
  const counts = new Map<string, number>();
  return (key) => {
    // Bounded: past the cap (a flood of distinct keys) counting starts over rather than growing without end.
    if (!counts.has(key) && counts.size >= maxKeys) counts.clear();
    const n = (counts.get(key) ?? 0) + 1;
    counts.set(key, n);
    return n <= first || n % every === 0;
  };
}
