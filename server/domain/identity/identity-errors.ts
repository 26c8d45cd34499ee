// Refusals of the identity services, mapped to HTTP / tRPC codes by the adapters.
export class IdentityError extends Error {}
/** Wrong email or password, or a disabled account: one message, so a caller cannot probe which. */
export class InvalidCredentialsError extends IdentityError {
  constructor() {
    super('wrong email or password');
  }
}
export class TooManyAttemptsError extends IdentityError {
  constructor(readonly retryAfterMs: number) {
    super(`too many login attempts; try again in ${Math.ceil(retryAfterMs / 1000)} s`);
  }
}
export class UserExistsError extends IdentityError {
  constructor(email: string) {
    super(`a user with email ${email} already exists`);
  }
}
export class UserNotFoundError extends IdentityError {
  constructor(id: string) {
    super(`no user with id ${id}`);
  }
}
export class LastAdminError extends IdentityError {
  constructor() {
    super('this is the last enabled administrator; make another user admin first');
  }
}
export class CredentialExistsError extends IdentityError {
  constructor(username: string) {
    super(`an MQTT credential named ${username} already exists`);
  }
}
export class CredentialNotFoundError extends IdentityError {
  constructor(id: string) {
    super(`no MQTT credential with id ${id}`);
  }
}
