// Identity: the audit trail, sessions and sign-in (with the first administrator), the origin check, the socket
// guard and robots' MQTT credentials. Composed right after the database and stopped last before it: every other
// module may record audit entries until it stops (the broker's final refusal summaries too).
import type { Db } from '../../db/client';
import type { AppConfig } from '../config';
import { createOriginCheck } from '../adapters/http/origin-check';
import { guardSockets } from '../adapters/realtime/socket-auth';
import type { FleetIo } from '../adapters/realtime/socketio';
import type { Clock } from '../ports/clock';
import type { Logger } from '../ports/logger';
import { createAuditTrail } from '../services/identity/audit-trail';
import { createIdentity } from '../services/identity/identity';
import { createLoginLimiter, type LoginLimits } from '../services/identity/login-limiter';
import { createRobotCredentials } from '../services/identity/robot-credentials';
import { createSessionStore, type SessionPolicy } from '../services/identity/sessions';
import { shutdownStep, type Module } from './module';

/** Tuning of sign-in; tests shorten sessions and loosen throttling. */
export interface IdentityOptions {
  sessions?: Partial<SessionPolicy>;
  loginLimits?: LoginLimits;
  socketSweepMs?: number;
}

export async function composeIdentity(
  config: AppConfig,
  deps: { db: Db; clock: Clock; logger: Logger; io?: FleetIo; options?: IdentityOptions },
) {
  const { db, clock, logger } = deps;
  const audit = createAuditTrail({ db, clock, logger });
  const sessions = createSessionStore({
    db,
    clock,
    policy: { idleMs: config.SESSION_IDLE_MINUTES * 60_000, absoluteMs: config.SESSION_MAX_HOURS * 3600_000, ...deps.options?.sessions },
  });
  const identity = createIdentity({ db, sessions, audit, limiter: createLoginLimiter(deps.options?.loginLimits), logger });
  const admin = await identity.bootstrapAdmin({ email: config.ADMIN_EMAIL, password: config.ADMIN_PASSWORD });
  if (admin.created && admin.generatedPassword) {
    // Printed once, to the console only (not the structured log, which may be shipped elsewhere).
    console.log(
      `\n  First administrator created: ${admin.email}\n  Password (shown once, change it after signing in): ${admin.generatedPassword}\n`,
    );
  } else if (admin.created) logger.info({ email: admin.email }, 'first administrator created from ADMIN_EMAIL / ADMIN_PASSWORD');
  const origins = createOriginCheck(config.ALLOWED_ORIGINS);
  const socketGuard = deps.io
    ? guardSockets({ io: deps.io, sessions, audit, origins, logger, sweepMs: deps.options?.socketSweepMs })
    : null;
  const credentials = createRobotCredentials({ db, audit, logger });
  const step = shutdownStep(logger);

  return {
    audit,
    identity,
    origins,
    credentials,
    health: () => ({
      audit: {
        status: audit.stats().lastError ? 'degraded' : 'ok',
        ...audit.stats(),
        ...(socketGuard && { sockets: socketGuard.stats() }),
      },
    }),
    async stop() {
      socketGuard?.stop();
      // The identity's coalesced refusals (throttled sign-ins) are written before the audit trail flushes.
      identity.stop();
      await step('audit flush', () => audit.stop());
    },
  } satisfies Module & Record<string, unknown>;
}

export type IdentityModule = Awaited<ReturnType<typeof composeIdentity>>;
