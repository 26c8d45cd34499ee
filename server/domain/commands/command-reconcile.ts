// What a robot's latest state says about a command already sent to it (pure). The dispatcher follows commands by
// the changes it sees (robot.action / robot.order), and a change seen by nobody is gone: a robot that finished
// while the app was down, or reported during a start-up step, only shows the outcome as a level in its state.
// Reconciling the latest state against each command in flight catches those; duplicates change nothing.
import type { ActionStatus, OrderBody, StateMessage } from '../vda5050/messages';
import type { CommandStatus, CommandType } from './command';

export interface ReconcilableCommand {
  type: CommandType;
  actionId: string | null;
  orderId: string | null;
  /** The message sent (order or instantActions); its last node is the go-to's destination. */
  wire: unknown;
}

export interface StateVerdict {
  target: CommandStatus;
  detail: string;
  /** Outcome text for a final status. */
  outcome: string | null;
}

/** The command status an action status of the robot's state stands for (also the dispatcher's reading of changes). */
export const ACTION_STATUS: Record<ActionStatus, CommandStatus> = {
  WAITING: 'acknowledged',
  INITIALIZING: 'acknowledged',
  RUNNING: 'running',
  PAUSED: 'running',
  // VDA 5050 3.0: failed, but master control may still retry or skip it, so not final.
  RETRIABLE: 'running',
  FINISHED: 'succeeded',
  FAILED: 'failed',
};
const ACTIVE: readonly ActionStatus[] = ['WAITING', 'INITIALIZING', 'RUNNING', 'PAUSED', 'RETRIABLE'];

function destinationOf(wire: unknown): string | null {
  const order = (wire as { topic?: string; order?: OrderBody } | null)?.order;
  const nodes = order?.nodes;
  return Array.isArray(nodes) && nodes.length > 0 ? (nodes[nodes.length - 1]?.nodeId ?? null) : null;
}

/** The status the robot's state shows for this command, or null when the state says nothing about it. */
export function verdictFromState(c: ReconcilableCommand, s: StateMessage): StateVerdict | null {
  const action = c.actionId ? s.actionStates.find((a) => a.actionId === c.actionId) : undefined;
  if (action) {
    const target = ACTION_STATUS[action.actionStatus];
    const said = `robot's state shows ${action.actionType ?? 'action'} ${action.actionStatus}${action.resultDescription ? `: ${action.resultDescription}` : ''}`;
    return { target, detail: said, outcome: target === 'failed' ? said : null };
  }
  if (!c.orderId || s.orderId !== c.orderId) return null;
  const done = s.nodeStates.length === 0 && s.edgeStates.length === 0 && !s.actionStates.some((a) => ACTIVE.includes(a.actionStatus));
  if (!done)
    return {
      target: 'acknowledged',
      detail: `robot's state shows order ${c.orderId} in progress (last node ${s.lastNodeId || 'none'})`,
      outcome: null,
    };
  const dest = destinationOf(c.wire);
  if (dest !== null && s.lastNodeId === dest) {
    // A charge ends with its startCharging action (above); arriving only means it is under way.
    if (c.type === 'charge') return { target: 'running', detail: `robot's state shows it at the charger node ${dest}`, outcome: null };
    return { target: 'succeeded', detail: `robot's state shows the order finished at node ${dest}`, outcome: null };
  }
  if (s.actionStates.some((a) => a.actionType === 'cancelOrder' && a.actionStatus === 'FINISHED')) {
    return {
      target: 'cancelled',
      detail: `robot's state shows the order cancelled at node ${s.lastNodeId}`,
      outcome: 'order cancelled on the robot (cancelOrder)',
    };
  }
  return null;
}
