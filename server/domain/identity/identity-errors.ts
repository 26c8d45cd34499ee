// Refusals of the identity services, each with the code the API answers with (domain-error.ts).
import { DomainError, type DomainErrorCode } from '../domain-error';

export abstract class IdentityError extends DomainError {}
/** Wrong email or password, or a disabled account: one message, so a caller cannot probe which. */
export class InvalidCredentialsError extends IdentityError {
  readonly code: DomainErrorCode = 'UNAUTHORIZED';
  constructor() {
    super('wrong email or password');
  }
}
export class TooManyAttemptsError extends IdentityError {
  readonly code: DomainErrorCode = 'TOO_MANY_REQUESTS';
  constructor(readonly retryAfterMs: number) {
    super(`too many login attempts; try again in ${Math.ceil(retryAfterMs / 1000)} s`);
  }
}
export class UserExistsError extends IdentityError {
  readonly code: DomainErrorCode = 'CONFLICT';
  constructor(email: string) {
    super(`a user with email ${email} already exists`);
  }
}
export class UserNotFoundError extends IdentityError {
  readonly code: DomainErrorCode = 'NOT_FOUND';
  constructor(id: string) {
    super(`no user with id ${id}`);
  }
}
export class LastAdminError extends IdentityError {
  readonly code: DomainErrorCode = 'CONFLICT';
  constructor() {
    super('this is the last enabled administrator; make another user admin first');
  }
}
export class CredentialExistsError extends IdentityError {
  readonly code: DomainErrorCode = 'CONFLICT';
  constructor(username: string) {
    super(`an MQTT credential named ${username} already exists`);
  }
}
export class CredentialNotFoundError extends IdentityError {
  readonly code: DomainErrorCode = 'NOT_FOUND';
  constructor(id: string) {
    super(`no MQTT credential with id ${id}`);
  }
}
