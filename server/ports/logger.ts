// Structured logging as the app uses it: the subset of pino that workers, services and adapters call. The pino
// implementation (server/adapters/logging/pino-logger.ts) is created by the composition root and passed in.

export interface LogFn {
  (fields: object, msg?: string): void;
  (msg: string): void;
}

export interface Logger {
  debug: LogFn;
  info: LogFn;
  warn: LogFn;
  error: LogFn;
  /** A logger that adds `bindings` (e.g. `{ component: 'worker:ingest' }`) to every record. */
  child(bindings: Record<string, unknown>): Logger;
}
