// Executes instantActions messages: each actionId at most once (a resent message is ignored), each shown in
// actionStates with its lifecycle. Pure: mutates only the model; publishing on request is the I/O layer's job.
import { supports, track, type TrackedAction } from './action-ledger';
import { atCharger } from './action-runner';
import { addError, orderActive, pushAction, takeControl, warning, type AgvContext, type AgvModel } from './agv-model';
import { abortOrder } from './order-abort';
import { actionParam, numberParam, type InstantActionsMessage, type VdaAction } from './vda-inbound';

function done(m: AgvModel, t: TrackedAction, status: 'FINISHED' | 'FAILED', resultDescription?: string): void {
  t.status = status;
  if (resultDescription !== undefined) t.resultDescription = resultDescription;
  m.changed = true;
}

function cancelOrder(m: AgvModel, t: TrackedAction): void {
  const ownTask = m.mode === 'autonomous' && m.robot.activity !== 'idle' && m.robot.activity !== 'charging';
  if (!orderActive(m) && !ownTask) {
    addError(m, warning('noOrderToCancel', 'cancelOrder received but there is no order to cancel', { actionId: t.action.actionId }));
    return done(m, t, 'FAILED', 'no order to cancel');
  }
  abortOrder(m, 'order cancelled');
  done(m, t, 'FINISHED');
}

function initPosition(m: AgvModel, t: TrackedAction, ctx: AgvContext): void {
  const a = t.action;
  const x = numberParam(a, 'x');
  const y = numberParam(a, 'y');
  const theta = numberParam(a, 'theta');
  const mapId = actionParam(a, 'mapId');
  const lastNodeId = actionParam(a, 'lastNodeId');
  if (x === undefined || y === undefined || theta === undefined) return done(m, t, 'FAILED', 'initPosition needs numeric x, y and theta');
  if (mapId !== undefined && mapId !== ctx.planner.map.mapId) return done(m, t, 'FAILED', `unknown mapId ${String(mapId)}`);
  if (orderActive(m)) return done(m, t, 'FAILED', 'cannot relocalise while an order is running');
  takeControl(m);
  const nodeId = typeof lastNodeId === 'string' ? lastNodeId : (ctx.planner.nearestNode(x, y)?.id ?? '');
  m.robot = { ...m.robot, motion: { x, y, theta, speed: 0 }, omega: 0, lastNodeId: nodeId, lastNodeSequenceId: 0 };
  m.distanceSinceLastNode = 0;
  done(m, t, 'FINISHED');
}

function execute(m: AgvModel, t: TrackedAction, ctx: AgvContext): void {
  const type = t.action.actionType;
  if (!supports(ctx.agv.agvActions, type, 'INSTANT'))
    return done(m, t, 'FAILED', `actionType "${type}" is not supported as an instant action`);
  switch (type) {
    case 'startPause':
      m.robot = { ...m.robot, paused: true, pauseLeftSec: Infinity, motion: { ...m.robot.motion, speed: 0 }, omega: 0 };
      return done(m, t, 'FINISHED');
    case 'stopPause':
      m.robot = { ...m.robot, paused: false, pauseLeftSec: 0 };
      return done(m, t, 'FINISHED');
    case 'cancelOrder':
      return cancelOrder(m, t);
    case 'startCharging':
      if (!atCharger(m, ctx)) return done(m, t, 'FAILED', 'not standing at a charging station');
      takeControl(m);
      m.robot = { ...m.robot, charging: true, activity: 'charging' };
      return done(m, t, 'FINISHED');
    case 'stopCharging':
      m.robot = { ...m.robot, charging: false, activity: m.robot.activity === 'charging' ? 'idle' : m.robot.activity };
      return done(m, t, 'FINISHED');
    case 'initPosition':
      return initPosition(m, t, ctx);
    case 'stateRequest':
      m.requests.state = true;
      return done(m, t, 'FINISHED');
    case 'factsheetRequest':
      m.requests.factsheet = true;
      return done(m, t, 'FINISHED');
    default:
      // A supported action without special meaning here: it runs for a while, ticked with the others.
      t.status = 'RUNNING';
      t.leftSec = ctx.agv.actionSeconds[type] ?? ctx.agv.defaultActionSec;
  }
}

/** Executes the new actions of an instantActions message; returns the actionIds that were ignored as repeats. */
export function receiveInstantActions(m: AgvModel, msg: InstantActionsMessage, ctx: AgvContext): string[] {
  const ignored: string[] = [];
  for (const action of msg.actions as VdaAction[]) {
    if (!m.ledger.remember(action.actionId)) {
      ignored.push(action.actionId);
      continue;
    }
    const t = track(action, 'INSTANT');
    pushAction(m, t);
    m.ledger.count(action.actionType);
    execute(m, t, ctx);
  }
  return ignored;
}
