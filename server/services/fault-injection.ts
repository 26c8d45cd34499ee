// Fault injection into simulated robots (QA): inject, clear and list, by robot id. The simulator is keyed by
// serial number, so each call first resolves the robot and checks that this app's simulator owns it.
import {
  InvalidFaultError,
  RobotNotSimulatedError,
  SimulatorNotRunningError,
  UnknownRobotForFaultError,
} from '../domain/fault-injection-errors';
import { robotKey, type RobotView } from '../domain/robot';
import type { FleetReader } from '../ports/fleet-reader';
import type { SimFleet } from '../sim/fleet';
import { checkFault, type Fault, type FaultKind } from '../domain/faults';

/** The part of the simulated fleet that fault injection needs. */
export type FaultInjector = Pick<SimFleet, 'robots' | 'injectFault' | 'clearFault' | 'faults'>;

export interface FaultInjectionDeps {
  /** null or undefined when the app runs without a simulator. */
  sim: FaultInjector | null | undefined;
  fleet: FleetReader;
}

export interface SimulatedRobotFaults {
  robotId: number;
  serialNumber: string;
  faults: Fault[];
}

export interface FaultOverview {
  /** Whether this app runs a simulated fleet at all. */
  simulator: boolean;
  /** Simulated robots known to the fleet (all of them, or the one asked for), with their active faults. */
  robots: SimulatedRobotFaults[];
}

const isSimulated = (sim: FaultInjector, r: Pick<RobotView, 'manufacturer' | 'serialNumber'>) =>
  sim.robots.some((s) => s.serialNumber === r.serialNumber && s.manufacturer === r.manufacturer);

function simulatedRobot(deps: FaultInjectionDeps, robotId: number): { sim: FaultInjector; robot: RobotView } {
  const robot = deps.fleet.get(robotId);
  if (!robot) throw new UnknownRobotForFaultError(robotId);
  const sim = deps.sim;
  if (!sim) throw new SimulatorNotRunningError();
  if (!isSimulated(sim, robot)) throw new RobotNotSimulatedError(robotId, robot.serialNumber);
  return { sim, robot };
}

export function injectFault(deps: FaultInjectionDeps, robotId: number, fault: Fault): SimulatedRobotFaults {
  const { sim, robot } = simulatedRobot(deps, robotId);
  try {
    checkFault(fault);
  } catch (e) {
    throw new InvalidFaultError(e instanceof Error ? e.message : String(e));
  }
  sim.injectFault(robot.serialNumber, fault);
  return { robotId, serialNumber: robot.serialNumber, faults: sim.faults()[robot.serialNumber] ?? [] };
}

/** Clears one kind of fault, or all of them; returns what was cleared. */
export function clearFault(deps: FaultInjectionDeps, robotId: number, kind?: FaultKind): { robotId: number; cleared: Fault[] } {
  const { sim, robot } = simulatedRobot(deps, robotId);
  return { robotId, cleared: sim.clearFault(robot.serialNumber, kind) };
}

/** Every simulated robot of the fleet with its faults, or only `robotId` (none when it is not simulated). */
export function listFaults(deps: FaultInjectionDeps, robotId?: number): FaultOverview {
  const sim = deps.sim;
  if (!sim) return { simulator: false, robots: [] };
  const active = sim.faults();
  const candidates = robotId === undefined ? deps.fleet.list() : [deps.fleet.get(robotId)].filter((r): r is RobotView => r !== undefined);
  // A set, not isSimulated per robot: thousands of simulated robots would make that quadratic.
  const simulated = new Set(sim.robots.map((s) => robotKey(s.manufacturer, s.serialNumber)));
  const robots = candidates
    .filter((r) => simulated.has(robotKey(r.manufacturer, r.serialNumber)))
    .map((r) => ({ robotId: r.id, serialNumber: r.serialNumber, faults: active[r.serialNumber] ?? [] }));
  return { simulator: true, robots };
}
