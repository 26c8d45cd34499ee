// One error model: every refusal a caller can act on is a DomainError with a code. The API maps codes to tRPC (and
// so HTTP) codes in one place (server/api/trpc.ts); anything else is an internal error with a generic message.

/** What kind of refusal it is, in the caller's terms; mapped 1:1 to tRPC error codes. */
export type DomainErrorCode =
  | 'BAD_REQUEST' // the input is wrong; the caller can fix it
  | 'UNAUTHORIZED' // not signed in, or wrong credentials
  | 'FORBIDDEN' // signed in, but not allowed
  | 'NOT_FOUND' // the thing named does not exist
  | 'CONFLICT' // the current state forbids it (already exists, already final, key reused)
  | 'PRECONDITION_FAILED' // the system is not in a state where this can work (no simulator, …)
  | 'TOO_MANY_REQUESTS' // throttled; retry later
  | 'SERVICE_UNAVAILABLE'; // a dependency is down or the service is starting or stopping

export abstract class DomainError extends Error {
  abstract readonly code: DomainErrorCode;
}

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError;
}
