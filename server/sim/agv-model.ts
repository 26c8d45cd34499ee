// The plain-data model of one VDA 5050 AGV: the autonomous behaviour state (motion, battery, own tasks) plus what a
// master control drives: the current order, tracked actions, errors, safety state. Pure: no I/O, no clock.
import type { LoadInfo, SafetyState, VdaError } from '../domain/vda5050/messages';
import { ActionLedger, DEFAULT_AGV_ACTIONS, type SupportedAction, type TrackedAction } from './action-ledger';
import type { BehaviourContext, RobotState } from './robot-behaviour';
import type { OrderEdge, OrderNode } from './vda-inbound';
import { createZoneTraffic, type ZoneTraffic } from './zone-traffic';

/** When the robot picks its own tasks: always when it has no order, only after a quiet spell, or never. */
export type AutonomousPolicy = 'always' | 'whenIdle' | 'never';

export interface AgvConfig {
  autonomous: AutonomousPolicy;
  /** With 'whenIdle': seconds without an order or control action before own tasks resume. */
  idleResumeSec: number;
  /** Action types and scopes this robot supports; others fail. Also listed in the factsheet. */
  agvActions: SupportedAction[];
  /** Duration of node/edge actions by type; other supported types take `defaultActionSec`. */
  actionSeconds: Record<string, number>;
  defaultActionSec: number;
  /** Battery percentage points lost per minute while a batteryFault is injected. */
  batteryFaultDrainPerMin: number;
}

export const DEFAULT_AGV_CONFIG: AgvConfig = {
  autonomous: 'whenIdle',
  idleResumeSec: 60,
  agvActions: DEFAULT_AGV_ACTIONS,
  actionSeconds: { pick: 2, drop: 2 },
  defaultActionSec: 1,
  batteryFaultDrainPerMin: 30,
};

export interface AgvContext extends BehaviourContext {
  agv: AgvConfig;
}

export interface RunNode extends OrderNode {
  x: number;
  y: number;
}

export interface OrderRun {
  orderId: string;
  orderUpdateId: number;
  /** Nodes not yet reached, base first, then horizon. */
  nodes: RunNode[];
  /** Edges not yet completed. */
  edges: OrderEdge[];
  /** The last released node: where an order update must start. */
  baseEnd: { nodeId: string; sequenceId: number };
  /** All base nodes traversed with no horizon, and every order action final (or the order was cancelled). */
  done: boolean;
}

export interface AgvModel {
  robot: RobotState;
  mode: 'autonomous' | 'master';
  order: OrderRun | null;
  /** A point to drive to before the first node of a new order (robot slightly off it). */
  approach: { x: number; y: number } | null;
  /** Order (node/edge) and instant actions, reported as actionStates. */
  actions: TrackedAction[];
  /** Order rejections and validation failures, kept until the next accepted order. */
  errors: VdaError[];
  eStop: SafetyState['eStop'];
  batteryFault: boolean;
  loads: LoadInfo[];
  newBaseRequest: boolean;
  distanceSinceLastNode: number;
  /** Sim time of the last order or control action, for the 'whenIdle' policy. */
  lastControlAt: number;
  ledger: ActionLedger;
  /** Set by stateRequest/factsheetRequest; the I/O layer publishes and clears them. */
  requests: { state: boolean; factsheet: boolean };
  /** Something a state message reports changed since the I/O layer last looked. */
  changed: boolean;
  /** VDA 5050 3.0 zone sets and zone access requests (stays empty for a 2.0 robot: nothing sends it zone sets). */
  zones: ZoneTraffic;
}

export function createAgvModel(robot: RobotState): AgvModel {
  return {
    robot,
    mode: 'autonomous',
    order: null,
    approach: null,
    actions: [],
    errors: [],
    eStop: 'NONE',
    batteryFault: false,
    loads: [],
    newBaseRequest: false,
    distanceSinceLastNode: 0,
    lastControlAt: -Infinity,
    ledger: new ActionLedger(),
    requests: { state: false, factsheet: false },
    changed: true,
    zones: createZoneTraffic(),
  };
}

export function orderActive(m: AgvModel): boolean {
  return m.order !== null && !m.order.done;
}

/** The master control takes over (or a fault holds the robot): it drops its own task, not its charging. */
export function takeControl(m: AgvModel, byMaster = true): void {
  if (byMaster) m.lastControlAt = m.robot.time;
  if (m.mode === 'master') return;
  const r = m.robot;
  m.robot = {
    ...r,
    activity: r.charging ? 'charging' : 'idle',
    task: null,
    route: [],
    routePoints: [],
    next: 0,
    actionStates: [],
    motion: { ...r.motion, speed: 0 },
    omega: 0,
  };
  m.mode = 'master';
  m.changed = true;
}

/** Whether the robot must stand still whatever its order says. */
export function isHeldMaster(m: AgvModel): boolean {
  return m.robot.paused || m.eStop !== 'NONE' || m.robot.errors.some((e) => e.errorLevel === 'FATAL');
}

export function warning(errorType: string, errorDescription: string, refs: Record<string, string | number>): VdaError {
  return {
    errorType,
    errorLevel: 'WARNING',
    errorDescription,
    errorReferences: Object.entries(refs).map(([referenceKey, v]) => ({ referenceKey, referenceValue: String(v) })),
  };
}

/** Records an error and notes the change. Keeps only the latest few so a noisy master control can't grow it. */
export function addError(m: AgvModel, e: VdaError): void {
  m.errors = [...m.errors.slice(-9), e];
  m.changed = true;
}

const MAX_FINAL_INSTANT = 50;

/** Adds an action, dropping the oldest finished instant actions beyond a bound. */
export function pushAction(m: AgvModel, a: TrackedAction): void {
  let actions = [...m.actions, a];
  const finalInstant = actions.filter((x) => x.scope === 'INSTANT' && (x.status === 'FINISHED' || x.status === 'FAILED'));
  if (finalInstant.length > MAX_FINAL_INSTANT) {
    const drop = new Set(finalInstant.slice(0, finalInstant.length - MAX_FINAL_INSTANT));
    actions = actions.filter((x) => !drop.has(x));
  }
  m.actions = actions;
  m.changed = true;
}
