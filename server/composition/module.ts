// What every subsystem module of the composition root returns besides its handles: its part of /api/health,
// built from its real state, and stop(). createApp (server/app.ts) composes the modules in order and stops them
// in reverse, so a process can run any subset of them.
import type { Logger } from '../ports/logger';
import type { ChangeWatch, ComponentHealth } from '../services/health';

export interface HealthContext {
  /** When this report was asked for (before the database ping). */
  now: number;
  /** Remembers when counters last changed, across reports. */
  watch: ChangeWatch;
  /** The database's health of this report (the ledger depends on it). */
  database: ComponentHealth;
}

export type Components = Record<string, ComponentHealth>;

export interface Module {
  /** Components of /api/health this module answers for; two modules may add fields to the same component. */
  health(ctx: HealthContext): Components;
  /**
   * Stops what acts on robots on this node's behalf, before a graceful stop's goodbye (app.stop()): once the
   * goodbye is heard the leader adopts this node's open commands, and must not find a dispatcher here still
   * sending them. stop() follows later and must tolerate it.
   */
  quiesce?(): Promise<void>;
  stop(): Promise<void>;
}

/** Losses or errors within this long keep a component degraded. */
export const RECENT_MS = 10 * 60_000;

/** `at` (a counter's last change) is within `ms` of `now`. */
export const recently = (ctx: HealthContext, at: number | null, ms = RECENT_MS) => at !== null && ctx.now - at < ms;

/** A shutdown step: a failure is logged and the next steps still run. */
export function shutdownStep(logger: Logger) {
  return async (name: string, fn: () => Promise<unknown> | unknown): Promise<void> => {
    try {
      await fn();
    } catch (err) {
      logger.error({ err: (err as Error).message }, `shutdown: ${name} failed`);
    }
  };
}
