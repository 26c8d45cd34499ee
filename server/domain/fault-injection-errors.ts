// Typed refusals of fault injection, mapped to tRPC codes by the sim router.

export class FaultInjectionError extends Error {}

/** The app runs without a simulated fleet (SIM_ROBOTS=0), so there is nothing to inject into. */
export class SimulatorNotRunningError extends FaultInjectionError {
  override readonly name = 'SimulatorNotRunningError';
  constructor() {
    super('No simulated fleet runs in this app (SIM_ROBOTS=0): faults can only be injected into simulated robots');
  }
}

export class UnknownRobotForFaultError extends FaultInjectionError {
  override readonly name = 'UnknownRobotForFaultError';
  constructor(readonly robotId: number) {
    super(`No robot with id ${robotId}`);
  }
}

/** A real robot (or one of another simulator): the app cannot make it misbehave. */
export class RobotNotSimulatedError extends FaultInjectionError {
  override readonly name = 'RobotNotSimulatedError';
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
}
