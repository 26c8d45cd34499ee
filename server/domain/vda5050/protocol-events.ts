// Bus subjects and payloads of the master-control side: what happened to each action and order a robot was sent,
// whether a sent message reached the robot, and robots that went silent. Consumed by the command ledger.
import type { ActionStatus, ErrorLevel, MasterTopic } from './messages';

export const PROTOCOL_SUBJECTS = {
  /** An action changed status in a robot's state (RobotActionTransition). */
  action: 'robot.action',
  /** An order made progress or failed (RobotOrderEvent). */
  order: 'robot.order',
  /** A sent order/instantActions message was reflected in state, or not after all attempts (DeliveryOutcome). */
  delivery: 'robot.delivery',
  /** A robot went quiet without a last will (RobotSilence). */
  liveness: 'robot.liveness',
} as const;

interface FromState {
  robotId: number;
  /** Robot timestamp of the state message that showed it (epoch ms). */
  ts: number;
  /** headerId of that state message. */
  headerId: number;
}

export interface RobotActionTransition extends FromState {
  actionId: string;
  actionType: string | null;
  /** null the first time the action shows up in state. */
  from: ActionStatus | null;
  to: ActionStatus;
  resultDescription: string | null;
  /** The order the robot was on when it reported this (empty string: none). */
  orderId: string;
}

export const FINAL_ACTION_STATUSES: readonly ActionStatus[] = ['FINISHED', 'FAILED'];

/** Error types that the spec uses to reject or abort an order. */
export const ORDER_ERROR_TYPES = ['orderError', 'orderUpdateError', 'noRouteError', 'validationError'] as const;

export type RobotOrderEvent = FromState & { orderId: string; orderUpdateId: number } & (
    | { kind: 'accepted'; previousOrderId: string | null; previousOrderUpdateId: number | null; nodes: number; edges: number }
    | { kind: 'node_reached'; nodeId: string; sequenceId: number; remainingNodes: number }
    | { kind: 'completed'; lastNodeId: string }
    /** Emptied by a cancelOrder instant action that finished in the same state. */
    | { kind: 'cancelled'; lastNodeId: string; cancelActionId: string }
    | { kind: 'error'; errorType: string; errorLevel: ErrorLevel; description: string | null; references: Record<string, string> }
    | { kind: 'error_cleared'; errorType: string }
  );

export type DeliveryStatus = 'acknowledged' | 'not_acknowledged' | 'superseded' | 'abandoned';

export interface DeliveryOutcome {
  robotId: number;
  topic: MasterTopic;
  status: DeliveryStatus;
  attempts: number;
  /** headerIds used by every attempt, in order. */
  headerIds: number[];
  orderId: string | null;
  orderUpdateId: number | null;
  actionIds: string[];
  firstSentAt: number;
  settledAt: number;
}

export interface RobotSilence {
  robotId: number;
  state: 'stale' | 'offline';
  reason: 'silent';
  silentForMs: number;
  lastSeenAt: number;
}
