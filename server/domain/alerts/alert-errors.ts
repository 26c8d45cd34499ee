// Refusals of alerts.* and alertRules.* (mapped to tRPC codes in server/api/trpc.ts).
import { DomainError, type DomainErrorCode } from '../domain-error';

export class AlertNotFoundError extends DomainError {
  readonly code: DomainErrorCode = 'NOT_FOUND';
  constructor(readonly alertId: string) {
    super(`No alert ${alertId}`);
  }
}

export class AlertResolvedError extends DomainError {
  readonly code: DomainErrorCode = 'CONFLICT';
  constructor(readonly alertId: string) {
    super(`Alert ${alertId} is already resolved`);
  }
}

export class AlertRuleInvalidError extends DomainError {
  readonly code: DomainErrorCode = 'BAD_REQUEST';
}
