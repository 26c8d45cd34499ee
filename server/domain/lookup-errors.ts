// Refusals for things looked up by id that do not exist, or features this app runs without.
import { DomainError, type DomainErrorCode } from './domain-error';

export class RobotNotFoundError extends DomainError {
  readonly code: DomainErrorCode = 'NOT_FOUND';
  constructor(readonly robotId: number) {
    super(`No robot with id ${robotId}`);
  }
}

export class TraceNotFoundError extends DomainError {
  readonly code: DomainErrorCode = 'NOT_FOUND';
  constructor(readonly traceId: string) {
    super(`No trace ${traceId}: it was not sampled or is past its retention.`);
  }
}

/** Data-flow tracing is switched off by configuration. */
export class TracingOffError extends DomainError {
  readonly code: DomainErrorCode = 'PRECONDITION_FAILED';
  constructor() {
    super('Data-flow tracing is off in this app (TRACE_ENABLED=false).');
  }
}
