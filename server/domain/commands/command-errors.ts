// Refusals of the command ledger, each with the code the API answers with (domain-error.ts).
import { DomainError, type DomainErrorCode } from '../domain-error';

export abstract class CommandLedgerError extends DomainError {}

/** Bad parameters, unknown robot or place: the caller can fix the request. */
export class InvalidCommandError extends CommandLedgerError {
  override readonly name = 'InvalidCommandError';
  readonly code: DomainErrorCode = 'BAD_REQUEST';
}

export class CommandNotFoundError extends CommandLedgerError {
  override readonly name = 'CommandNotFoundError';
  readonly code: DomainErrorCode = 'NOT_FOUND';
  constructor(readonly id: string) {
    super(`no command with id ${id}`);
  }
}

/** The same idempotency key was used before with other parameters. */
export class IdempotencyConflictError extends CommandLedgerError {
  override readonly name = 'IdempotencyConflictError';
  readonly code: DomainErrorCode = 'CONFLICT';
  constructor(
    readonly key: string,
    readonly existingId: string,
  ) {
    super(
      `idempotency key "${key}" was already used for command ${existingId} with different parameters; use a new key for a different command`,
    );
  }
}

/** The command is past the point where it can be cancelled (final, or an instant action already sent). */
export class NotCancellableError extends CommandLedgerError {
  override readonly name = 'NotCancellableError';
  readonly code: DomainErrorCode = 'CONFLICT';
}

/** The ledger is not running (app starting or stopping). */
export class LedgerUnavailableError extends CommandLedgerError {
  override readonly name = 'LedgerUnavailableError';
  readonly code: DomainErrorCode = 'SERVICE_UNAVAILABLE';
}
