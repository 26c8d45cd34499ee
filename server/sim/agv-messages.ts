// State and factsheet messages of an AGV model: the autonomous fields from vda-messages, overlaid with the master
// control's order, tracked actions, errors and safety state. Pure.
import type { ActionState, EdgeState, FactsheetMessage, NodeState, StateMessage, VdaError, VdaHeader } from '../domain/vda5050/messages';
import { toActionState } from './action-ledger';
import type { AgvContext, AgvModel, OrderRun } from './agv-model';
import { buildFactsheet, buildState, robotErrors } from './vda-messages';

/** Metres of driving per battery percentage point, for batteryState.reach. */
export const REACH_M_PER_PERCENT = 150;

function faultErrors(m: AgvModel): VdaError[] {
  const out: VdaError[] = [];
  if (m.eStop !== 'NONE')
    out.push({ errorType: 'emergencyStop', errorLevel: 'FATAL', errorDescription: `emergency stop (${m.eStop}) pressed` });
  if (m.batteryFault)
    out.push({ errorType: 'batteryFault', errorLevel: 'FATAL', errorDescription: 'battery cell fault: charge dropping fast' });
  return out;
}

/** Every error the state reports: the robot's own incidents, the master control's rejections, injected faults. */
export function agvErrors(m: AgvModel): VdaError[] {
  return [...robotErrors(m.robot), ...m.errors, ...faultErrors(m)];
}

/** The state's actionStates: the order's and instant actions (own tasks' actions too in autonomous mode). */
export function agvActionStates(m: AgvModel): ActionState[] {
  if (m.mode === 'autonomous') return [...m.robot.actionStates, ...m.actions.filter((a) => a.scope === 'INSTANT').map(toActionState)];
  return m.actions.map(toActionState);
}

export function orderNodeStates(order: OrderRun | null): NodeState[] {
  return (order?.nodes ?? []).map((n) => ({
    nodeId: n.nodeId,
    sequenceId: n.sequenceId,
    released: n.released,
    ...(n.nodeDescription !== undefined && { nodeDescription: n.nodeDescription }),
    ...(n.nodePosition && {
      nodePosition: {
        x: n.nodePosition.x,
        y: n.nodePosition.y,
        ...(n.nodePosition.theta !== undefined && { theta: n.nodePosition.theta }),
        mapId: n.nodePosition.mapId,
      },
    }),
  }));
}

export function orderEdgeStates(order: OrderRun | null): EdgeState[] {
  return (order?.edges ?? []).map((e) => ({
    edgeId: e.edgeId,
    sequenceId: e.sequenceId,
    released: e.released,
    ...(e.edgeDescription !== undefined && { edgeDescription: e.edgeDescription }),
  }));
}

export function buildAgvState(header: VdaHeader, m: AgvModel, ctx: AgvContext): StateMessage {
  const base = buildState(header, m.robot, ctx.planner);
  const held = m.eStop !== 'NONE';
  const common = {
    errors: agvErrors(m),
    safetyState: { eStop: m.eStop, fieldViolation: base.safetyState.fieldViolation },
    batteryState: { ...base.batteryState, reach: Math.round(m.robot.battery * REACH_M_PER_PERCENT) },
    loads: m.loads,
    driving: base.driving && !held,
  };
  if (m.mode === 'autonomous') return { ...base, ...common, actionStates: agvActionStates(m) };

  const order = m.order;
  return {
    ...base,
    ...common,
    orderId: order?.orderId ?? m.robot.orderId,
    orderUpdateId: order?.orderUpdateId ?? m.robot.orderUpdateId,
    nodeStates: orderNodeStates(order),
    edgeStates: orderEdgeStates(order),
    actionStates: agvActionStates(m),
    newBaseRequest: m.newBaseRequest,
    distanceSinceLastNode: Math.round(m.distanceSinceLastNode * 1000) / 1000,
  };
}

export function buildAgvFactsheet(header: VdaHeader, ctx: AgvContext, hz: number): FactsheetMessage {
  const f = buildFactsheet(header, ctx.config.limits, hz);
  const half = { l: 0.6, w: 0.4 };
  return {
    ...f,
    protocolFeatures: {
      ...f.protocolFeatures,
      agvActions: ctx.agv.agvActions.map((a) => ({ actionType: a.actionType, actionScopes: [...a.actionScopes] })),
    },
    agvGeometry: {
      wheelDefinitions: [
        { type: 'DRIVE', isActiveDriven: true, isActiveSteered: false, position: { x: 0, y: 0.3 }, diameter: 0.2, width: 0.05 },
        { type: 'DRIVE', isActiveDriven: true, isActiveSteered: false, position: { x: 0, y: -0.3 }, diameter: 0.2, width: 0.05 },
      ],
      envelopes2d: [
        {
          set: 'base',
          polygonPoints: [
            { x: half.l, y: half.w },
            { x: -half.l, y: half.w },
            { x: -half.l, y: -half.w },
            { x: half.l, y: -half.w },
          ],
        },
      ],
    },
  };
}
