// Typed refusals of fault injection, each with the code the API answers with (domain-error.ts).
import { DomainError, type DomainErrorCode } from './domain-error';

export abstract class FaultInjectionError extends DomainError {}

/** The app runs without a simulated fleet (SIM_ROBOTS=0), so there is nothing to inject into. */
export class SimulatorNotRunningError extends FaultInjectionError {
  override readonly name = 'SimulatorNotRunningError';
  readonly code: DomainErrorCode = 'PRECONDITION_FAILED';
  constructor() {
    super('No simulated fleet runs in this app (SIM_ROBOTS=0): faults can only be injected into simulated robots');
  }
}

export class UnknownRobotForFaultError extends FaultInjectionError {
  override readonly name = 'UnknownRobotForFaultError';
  readonly code: DomainErrorCode = 'NOT_FOUND';
  constructor(readonly robotId: number) {
    super(`No robot with id ${robotId}`);
  }
}

/** A real robot (or one of another simulator): the app cannot make it misbehave. */
export class RobotNotSimulatedError extends FaultInjectionError {
  override readonly name = 'RobotNotSimulatedError';
  readonly code: DomainErrorCode = 'PRECONDITION_FAILED';
  constructor(
    readonly robotId: number,
    readonly serialNumber: string,
  ) {
    super(`Robot ${serialNumber} (#${robotId}) is not simulated by this app: faults can only be injected into simulated robots`);
  }
}

/** A fault parameter the simulator rejects (out of range). */
export class InvalidFaultError extends FaultInjectionError {
  override readonly name = 'InvalidFaultError';
  readonly code: DomainErrorCode = 'BAD_REQUEST';
}
