// Drives a robot along the released part of its order: towards the last released node (the decision point when a
// horizon follows), stopping at nodes whose actions need a standstill, respecting edge maxSpeed; reaching a node
// drops it (and the edge before it) from the state and hands its actions to the action runner. A 3.0 robot with a
// zone set does not drive into a RELEASE zone before it is granted (zone-access.ts). Pure.
import { blocksDriving, isFinal } from './action-ledger';
import { tickActions } from './action-runner';
import { isHeldMaster, type AgvContext, type AgvModel, type RunNode } from './agv-model';
import { advanceAlongPath, type Point } from './kinematics';
import { enterableCount, mustStopInZone } from './zone-access';

/** Within this distance of the last released node (with a horizon after it) the robot asks for a new base. */
const NEW_BASE_REQUEST_M = 3;

/** Released nodes the robot may drive to now, up to the first one whose actions require it to stop. */
function drivableNodes(nodes: readonly RunNode[], m: AgvModel): RunNode[] {
  const out: RunNode[] = [];
  for (const n of nodes) {
    if (!n.released) break;
    out.push(n);
    const stopsHere = m.actions.some(
      (a) => a.scope === 'NODE' && a.sequenceId === n.sequenceId && !isFinal(a.status) && a.action.blockingType !== 'NONE',
    );
    if (stopsHere) break;
  }
  return out;
}

function reachNode(m: AgvModel, node: RunNode): void {
  const order = m.order!;
  order.nodes = order.nodes.filter((n) => n !== node);
  order.edges = order.edges.filter((e) => e.sequenceId > node.sequenceId);
  m.robot = { ...m.robot, lastNodeId: node.nodeId, lastNodeSequenceId: node.sequenceId };
  m.distanceSinceLastNode = 0;
  m.changed = true;
}

function remainingDistance(from: Point, path: readonly Point[]): number {
  let d = 0;
  let p = from;
  for (const q of path) {
    d += Math.hypot(q.x - p.x, q.y - p.y);
    p = q;
  }
  return d;
}

/** `waiting`: held by zone access, so it no longer counts as driving (pauses and faults report that themselves). */
function stop(m: AgvModel, waiting = false): void {
  if (m.robot.motion.speed !== 0 || m.robot.omega !== 0) m.changed = true;
  const activity = waiting && m.robot.activity === 'driving' ? 'idle' : m.robot.activity;
  if (activity !== m.robot.activity) m.changed = true;
  m.robot = { ...m.robot, motion: { ...m.robot.motion, speed: 0 }, omega: 0, activity };
}

function drive(m: AgvModel, dt: number, ctx: AgvContext): void {
  const order = m.order;
  const zoneStop = mustStopInZone(m, ctx);
  const held = isHeldMaster(m) || m.actions.some(blocksDriving) || !order || zoneStop;
  const drivable = order ? drivableNodes(order.nodes, m) : [];
  // Not into a RELEASE zone without a grant: the path ends at the node before it (zone-access.ts).
  const enterable = enterableCount(m, drivable, ctx);
  const targets = enterable < drivable.length ? drivable.slice(0, enterable) : drivable;
  const path: Point[] = [...(m.approach ? [m.approach] : []), ...targets];
  if (held || path.length === 0) return stop(m, zoneStop || enterable < drivable.length);

  const firstTarget = m.approach ? undefined : targets[0];
  const edge = firstTarget && order!.edges.find((e) => e.sequenceId === firstTarget.sequenceId - 1);
  const limits = { ...ctx.config.limits, maxSpeed: Math.min(ctx.config.limits.maxSpeed, edge?.maxSpeed ?? Infinity) };
  const before = m.robot.motion;
  const step = advanceAlongPath(before, path, 0, dt, limits);
  const moved = step.motion.speed > 0 || step.omega !== 0;
  if (moved !== (m.robot.activity === 'driving')) m.changed = true;
  m.robot = {
    ...m.robot,
    motion: step.motion,
    omega: step.omega,
    activity: moved ? 'driving' : m.robot.charging ? 'charging' : 'idle',
    // Leaving the charger ends charging: the robot cannot drive plugged in.
    charging: moved ? false : m.robot.charging,
  };
  m.distanceSinceLastNode += Math.hypot(step.motion.x - before.x, step.motion.y - before.y);

  let passed = step.next;
  if (m.approach && passed > 0) {
    m.approach = null;
    m.distanceSinceLastNode = 0;
    passed--;
  }
  for (const node of targets.slice(0, passed)) reachNode(m, node);
}

function updateNewBaseRequest(m: AgvModel): void {
  const order = m.order;
  const horizon = order?.nodes.some((n) => !n.released) ?? false;
  let request = false;
  if (order && horizon) {
    const base = order.nodes.filter((n) => n.released);
    request = remainingDistance(m.robot.motion, base) <= NEW_BASE_REQUEST_M;
  }
  if (request !== m.newBaseRequest) m.changed = true;
  m.newBaseRequest = request;
}

/** One master-controlled step: actions, motion along the order, completion. Time and battery are the caller's. */
export function stepOrder(m: AgvModel, dt: number, ctx: AgvContext): void {
  tickActions(m, dt, ctx);
  drive(m, dt, ctx);
  tickActions(m, 0, ctx); // start what the node just reached asks for, in the same step
  updateNewBaseRequest(m);
  const order = m.order;
  if (order && !order.done && order.nodes.length === 0 && m.approach === null) {
    if (m.actions.every((a) => a.scope === 'INSTANT' || isFinal(a.status))) {
      order.done = true;
      m.lastControlAt = m.robot.time; // the quiet spell before own tasks resume starts now
      m.changed = true;
    }
  }
}
