// The Logger port (server/ports/logger.ts) on pino: JSON lines with ISO times, every record bounded in size.
import pino from 'pino';
import { truncateText } from '../../domain/log-bounds';
import type { Logger } from '../../ports/logger';

/** Strings, errors, arrays and nested objects of a log record, each string truncated (a few levels deep). */
function bounded(v: unknown, depth: number): unknown {
  if (typeof v === 'string') return truncateText(v);
  if (v === null || typeof v !== 'object') return v;
  if (depth >= 4) return '[object]';
  if (v instanceof Error) {
    const e = v as Error & { code?: unknown };
    return {
      type: e.name,
      message: truncateText(e.message),
      ...(e.code !== undefined && { code: e.code }),
      ...(e.stack && { stack: truncateText(e.stack) }),
    };
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
