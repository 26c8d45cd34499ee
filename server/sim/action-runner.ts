// Runs tracked actions: starts node/edge actions when the robot is at their node or about to enter their edge, ticks
// running ones down and applies their effects (loads, charging). Pure: mutates only the model passed in.
import { isFinal, supports, type TrackedAction } from './action-ledger';
import type { AgvContext, AgvModel } from './agv-model';
import { actionParam } from './vda-inbound';

const CHARGER_REACH_M = 0.5;

/** Whether the robot stands at a charger node (the only place charging can start). */
export function atCharger(m: AgvModel, ctx: AgvContext): boolean {
  const { x, y } = m.robot.motion;
  const node = ctx.planner.nearestNode(x, y, (n) => n.place?.kind === 'charger');
  return node !== null && Math.hypot(node.x - x, node.y - y) <= CHARGER_REACH_M && m.robot.motion.speed === 0;
}

function finish(m: AgvModel, a: TrackedAction, status: 'FINISHED' | 'FAILED', resultDescription?: string): void {
  a.status = status;
  a.leftSec = 0;
  if (resultDescription !== undefined) a.resultDescription = resultDescription;
  m.changed = true;
}

/** Starts one node/edge action: immediate ones finish now, timed ones go RUNNING. Counts the execution. */
export function startAction(m: AgvModel, a: TrackedAction, ctx: AgvContext): void {
  const type = a.action.actionType;
  m.ledger.count(type);
  m.changed = true;
  if (!supports(ctx.agv.agvActions, type, a.scope)) {
    finish(m, a, 'FAILED', `actionType "${type}" is not supported in scope ${a.scope}`);
    return;
  }
  switch (type) {
    case 'startCharging':
      if (!atCharger(m, ctx)) return finish(m, a, 'FAILED', 'not at a charging station');
      m.robot = { ...m.robot, charging: true, activity: 'charging' };
      return finish(m, a, 'FINISHED');
    case 'stopCharging':
      m.robot = { ...m.robot, charging: false, activity: m.robot.activity === 'charging' ? 'idle' : m.robot.activity };
      return finish(m, a, 'FINISHED');
    default:
      a.status = 'RUNNING';
      a.leftSec = ctx.agv.actionSeconds[type] ?? ctx.agv.defaultActionSec;
  }
}

function complete(m: AgvModel, a: TrackedAction): void {
  const type = a.action.actionType;
  if (type === 'pick') {
    const loadId = actionParam(a.action, 'loadId');
    const loadType = actionParam(a.action, 'loadType');
    m.loads = [
      { loadId: typeof loadId === 'string' ? loadId : `load-${a.action.actionId}`, ...(typeof loadType === 'string' && { loadType }) },
    ];
  } else if (type === 'drop') {
    m.loads = [];
  }
  finish(m, a, 'FINISHED');
}

/** Actions that may start now: the reached node's, then (once those are done) the next released edge's. */
function eligible(m: AgvModel): TrackedAction[] {
  const order = m.order;
  if (!order || m.approach) return [];
  const seq = m.robot.lastNodeSequenceId;
  const orderActions = m.actions.filter((a) => a.scope !== 'INSTANT');
  const nodeActions = orderActions.filter((a) => a.scope === 'NODE' && a.sequenceId === seq);
  if (nodeActions.some((a) => !isFinal(a.status))) return nodeActions.filter((a) => a.status === 'WAITING');
  const nextEdge = order.edges.find((e) => e.sequenceId === seq + 1);
  if (!nextEdge?.released) return [];
  return orderActions.filter((a) => a.scope === 'EDGE' && a.sequenceId === seq + 1 && a.status === 'WAITING');
}

/** Ticks running actions by dt and starts waiting ones, honouring HARD blocking (one at a time, nothing beside it). */
export function tickActions(m: AgvModel, dt: number, ctx: AgvContext): void {
  for (const a of m.actions) {
    if (a.status === 'RUNNING' && (a.leftSec -= dt) <= 0) complete(m, a);
  }
  if (m.actions.some((a) => a.status === 'RUNNING' && a.action.blockingType === 'HARD')) return;
  for (const a of eligible(m)) {
    const othersRunning = m.actions.some((x) => x.status === 'RUNNING');
    if (a.action.blockingType === 'HARD' && othersRunning) return; // HARD waits until it can run alone
    startAction(m, a, ctx);
    if (a.action.blockingType === 'HARD' && a.status === 'RUNNING') return;
  }
}

/** Fails every unfinished order action (on cancelOrder). */
export function failOrderActions(m: AgvModel, why: string): void {
  for (const a of m.actions) if (a.scope !== 'INSTANT' && !isFinal(a.status)) finish(m, a, 'FAILED', why);
}
