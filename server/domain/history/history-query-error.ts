// A history question that cannot be answered as asked (from after to, a cursor of another window): the caller fixes it.
import { DomainError, type DomainErrorCode } from '../domain-error';

export class HistoryQueryError extends DomainError {
  readonly code: DomainErrorCode = 'BAD_REQUEST';
  constructor(message: string) {
    super(message);
    this.name = 'HistoryQueryError';
  }
}
