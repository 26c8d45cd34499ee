import pino, { type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ level, base: { app: 'fleetscope' }, timestamp: pino.stdTimeFunctions.isoTime });
}

/** Logs the first few occurrences of a repeated problem, then every `every`-th, so a flood cannot drown the log. */
export function createThrottle(first = 5, every = 1000): (key: string) => boolean {
  const counts = new Map<string, number>();
  return (key) => {
    const n = (counts.get(key) ?? 0) + 1;
    counts.set(key, n);
    return n <= first || n % every === 0;
  };
}
