// Pure per-robot state machine: pick a task, drive there, work, repeat; go charging when the battery is low;
// now and then pause or raise a WARNING/FATAL error that clears by itself. Randomness comes only from the seeded
// stream kept in the state, time only from the dt passed in, so a seed replays exactly.
import type { ActionState, VdaError } from '../domain/vda5050/messages';
import type { RoutePlanner } from '../domain/route-planner';
import type { PlaceKind } from '../domain/warehouse-map';
import { advanceAlongPath, type Motion, type Point } from './kinematics';
import type { BehaviourConfig } from './behaviour-config';
import { Prng } from './prng';

export type Activity = 'idle' | 'driving' | 'working' | 'charging';
export type TaskKind = Exclude<PlaceKind, 'charger'> | 'charge';

export interface ActiveError extends VdaError {
  clearsInSec: number;
}

export interface RobotState {
  rng: number;
  /** Simulated seconds since the robot started. */
  time: number;
  motion: Motion;
  omega: number;
  battery: number;
  charging: boolean;
  activity: Activity;
  task: TaskKind | null;
  /** Node ids of the current order; the robot is driving towards route[next]. */
  route: string[];
  /** Positions of `route`, resolved once per order. */
  routePoints: Point[];
  next: number;
  lastNodeId: string;
  lastNodeSequenceId: number;
  orderId: string;
  orderUpdateId: number;
  orderCount: number;
  actionStates: ActionState[];
  workLeftSec: number;
  paused: boolean;
  pauseLeftSec: number;
  errors: ActiveError[];
}

export interface BehaviourContext {
  planner: RoutePlanner;
  config: BehaviourConfig;
}

export interface StepOutcome {
  state: RobotState;
  /** True when something a `state` message reports changed (driving, paused, errors, charging, node, order, actions). */
  changed: boolean;
}

export function createRobotState(
  seed: number,
  start: { x: number; y: number; theta: number; nodeId: string },
  battery: number,
): RobotState {
  return {
    rng: seed >>> 0,
    time: 0,
    motion: { x: start.x, y: start.y, theta: start.theta, speed: 0 },
    omega: 0,
    battery,
    charging: false,
    activity: 'idle',
    task: null,
    route: [],
    routePoints: [],
    next: 0,
    lastNodeId: start.nodeId,
    lastNodeSequenceId: 0,
    orderId: '',
    orderUpdateId: 0,
    orderCount: 0,
    actionStates: [],
    workLeftSec: 0,
    paused: false,
    pauseLeftSec: 0,
    errors: [],
  };
}

/** Whether the robot is moving or turning under its own power, as VDA 5050 `driving` means. */
export function isDriving(s: RobotState): boolean {
  return s.activity === 'driving' && !isHeld(s);
}

function isHeld(s: RobotState): boolean {
  return s.paused || s.errors.length > 0;
}

/** Whether anything a `state` message reports changed. Arrays are replaced, never mutated, so identity suffices. */
function reportableChange(a: RobotState, b: RobotState): boolean {
  return (
    isDriving(a) !== isDriving(b) ||
    a.paused !== b.paused ||
    a.errors.length !== b.errors.length ||
    a.errors[0]?.errorType !== b.errors[0]?.errorType ||
    a.charging !== b.charging ||
    a.lastNodeId !== b.lastNodeId ||
    a.orderId !== b.orderId ||
    a.activity !== b.activity ||
    a.actionStates !== b.actionStates
  );
}

const TASK_WEIGHTS: [TaskKind, number][] = [
  ['dock', 0.35],
  ['conveyor', 0.25],
  ['rack', 0.35],
  ['parking', 0.05],
];
const ACTION_AT: Record<TaskKind, string[]> = {
  dock: ['pick'],
  conveyor: ['drop'],
  rack: ['drop', 'pick'],
  parking: [],
  charge: ['startCharging'],
};

function pickTaskKind(rng: Prng): TaskKind {
  let r = rng.next();
  for (const [kind, w] of TASK_WEIGHTS) if ((r -= w) < 0) return kind;
  return 'rack';
}

/** Starts an order to `destId`; returns false when no route exists. */
function startOrder(s: RobotState, ctx: BehaviourContext, rng: Prng, task: TaskKind, destId: string): boolean {
  const from = s.route[s.next] ?? ctx.planner.nearestNode(s.motion.x, s.motion.y)?.id;
  const route = from ? ctx.planner.shortestPath(from, destId) : null;
  if (!route) return false;
  s.orderCount += 1;
  s.orderId = `order-${String(s.orderCount).padStart(5, '0')}`;
  s.orderUpdateId = 0;
  s.route = route;
  s.routePoints = route.map((id) => ctx.planner.node(id) ?? { x: s.motion.x, y: s.motion.y });
  s.next = 0;
  s.lastNodeSequenceId = 0;
  s.task = task;
  s.activity = 'driving';
  const actionType = rng.pick(ACTION_AT[task]);
  s.actionStates = actionType ? [{ actionId: `${s.orderId}-a1`, actionType, actionStatus: 'WAITING' }] : [];
  return true;
}

function goCharge(s: RobotState, ctx: BehaviourContext, rng: Prng): boolean {
  const here = { x: s.motion.x, y: s.motion.y };
  const chargers = ctx.planner.nodesByPlaceKind('charger');
  // The nearest two by straight line, then one of them at random so robots don't all queue at one charger.
  chargers.sort((a, b) => Math.hypot(a.x - here.x, a.y - here.y) - Math.hypot(b.x - here.x, b.y - here.y));
  const target = rng.pick(chargers.slice(0, 2));
  return target ? startOrder(s, ctx, rng, 'charge', target.id) : false;
}

function pickTask(s: RobotState, ctx: BehaviourContext, rng: Prng): void {
  const kind = pickTaskKind(rng);
  const candidates = ctx.planner.nodesByPlaceKind(kind === 'charge' ? 'charger' : kind).filter((n) => n.id !== s.lastNodeId);
  const dest = rng.pick(candidates);
  if (dest) startOrder(s, ctx, rng, kind, dest.id);
}

function setActionStatus(s: RobotState, status: ActionState['actionStatus']): void {
  s.actionStates = s.actionStates.map((a) => ({ ...a, actionStatus: status }));
}

function updateTimers(s: RobotState, dt: number): void {
  if (s.errors.length > 0) s.errors = s.errors.map((e) => ({ ...e, clearsInSec: e.clearsInSec - dt })).filter((e) => e.clearsInSec > 0);
  if (s.paused && (s.pauseLeftSec -= dt) <= 0) s.paused = false;
}

function maybeInjectIncident(s: RobotState, cfg: BehaviourConfig, rng: Prng, dt: number): void {
  if (s.activity !== 'driving' || isHeld(s)) return;
  const perTick = dt / 60;
  if (rng.chance(cfg.fatalsPerMin * perTick)) {
    s.errors = [
      {
        errorType: 'driveFault',
        errorLevel: 'FATAL',
        errorDescription: 'Drive controller fault',
        clearsInSec: rng.range(...cfg.fatalSeconds),
      },
    ];
  } else if (rng.chance(cfg.warningsPerMin * perTick)) {
    s.errors = [
      {
        errorType: 'obstacleDetected',
        errorLevel: 'WARNING',
        errorDescription: 'Obstacle in protective field',
        clearsInSec: rng.range(...cfg.warningSeconds),
      },
    ];
  } else if (rng.chance(cfg.pausesPerMin * perTick)) {
    s.paused = true;
    s.pauseLeftSec = rng.range(...cfg.pauseSeconds);
  }
}

function drive(s: RobotState, ctx: BehaviourContext, rng: Prng, dt: number): void {
  if (isHeld(s)) {
    s.motion = { ...s.motion, speed: 0 };
    s.omega = 0;
    return;
  }
  const before = s.next;
  const step = advanceAlongPath(s.motion, s.routePoints, s.next, dt, ctx.config.limits);
  s.motion = step.motion;
  s.omega = step.omega;
  s.next = step.next;
  if (s.next > before) {
    s.lastNodeId = s.route[s.next - 1] ?? s.lastNodeId;
    s.lastNodeSequenceId = (s.next - 1) * 2; // VDA 5050: nodes take even sequence ids, edges odd
  }
  if (!step.arrived) return;
  s.omega = 0;
  if (s.task === 'charge') {
    s.activity = 'charging';
    s.charging = true;
    setActionStatus(s, 'FINISHED');
  } else {
    s.activity = 'working';
    s.workLeftSec = rng.range(...ctx.config.workSeconds);
    setActionStatus(s, 'RUNNING');
  }
}

/** Advances one robot by dt seconds. Does not mutate `prev`. */
export function stepRobot(prev: RobotState, dt: number, ctx: BehaviourContext): StepOutcome {
  const cfg = ctx.config;
  const s: RobotState = { ...prev, time: prev.time + dt };
  const rng = new Prng(prev.rng);

  updateTimers(s, dt);
  maybeInjectIncident(s, cfg, rng, dt);

  const rate = s.charging ? cfg.chargePerMin : isDriving(s) ? -cfg.drainDrivingPerMin : -cfg.drainIdlePerMin;
  s.battery = Math.min(100, Math.max(0, s.battery + (rate * dt) / 60));
  const low = s.battery < cfg.chargeBelow;

  switch (s.activity) {
    case 'idle':
      if (low) goCharge(s, ctx, rng);
      else pickTask(s, ctx, rng);
      break;
    case 'driving':
      if (low && s.task !== 'charge') goCharge(s, ctx, rng); // abandon the task: the battery comes first
      drive(s, ctx, rng, dt);
      break;
    case 'working':
      if ((s.workLeftSec -= dt) <= 0) {
        setActionStatus(s, 'FINISHED');
        s.activity = 'idle';
      }
      break;
    case 'charging':
      if (s.battery >= cfg.chargeUntil) {
        s.charging = false;
        s.activity = 'idle';
      }
      break;
  }

  s.rng = rng.state();
  return { state: s, changed: reportableChange(prev, s) };
}
