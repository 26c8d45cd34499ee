// A dependency that does not answer (the database, above all) must not hold a request: a refused or broken
// connection answers at once, a silent one at a deadline, both as SERVICE_UNAVAILABLE (HTTP 503) with a retry hint.
import { DomainError, type DomainErrorCode } from './domain-error';

/** Seconds a client is told to wait (Retry-After) when a dependency is down. */
export const RETRY_AFTER_S = 5;
/** How long a request (page, tRPC call, socket handshake) waits for its session to be checked before a 503. */
export const SESSION_DEADLINE_MS = 5_000;

export class UnavailableError extends DomainError {
  override readonly name = 'UnavailableError';
  readonly code: DomainErrorCode = 'SERVICE_UNAVAILABLE';
  readonly retryAfterS = RETRY_AFTER_S;
}

export const isUnavailable = (e: unknown): e is UnavailableError => e instanceof UnavailableError;

// Node socket errors, postgres.js connection errors, and SQLSTATE classes 08 (connection) and 57P (shutdown).
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'EPIPE',
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
]);

/** True when the error (or one of its causes: drizzle wraps the driver's error) says the database cannot be reached. */
export function isConnectionFailure(e: unknown): boolean {
  for (let cur = e, depth = 0; cur && typeof cur === 'object' && depth < 8; cur = (cur as { cause?: unknown }).cause, depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string' && (CONNECTION_CODES.has(code) || /^(08|57P)/.test(code))) return true;
    if (cur instanceof UnavailableError) return true;
  }
  return false;
}

export const unavailableMessage = (what: string) => `${what} is not answering; try again in ${RETRY_AFTER_S} s`;

/**
 * The work's result, or UnavailableError when it fails to reach the database or takes longer than `ms`. The work
 * goes on after the deadline (it cannot be cancelled); its late outcome is consumed here, never left unhandled.
 */
export function withDeadline<T>(work: Promise<T>, ms: number, what = 'the database'): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new UnavailableError(`${unavailableMessage(what)} (no answer within ${ms / 1000} s)`)), ms);
    work.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(isConnectionFailure(e) && !isUnavailable(e) ? new UnavailableError(unavailableMessage(what), { cause: e }) : e);
      },
    );
  });
}
