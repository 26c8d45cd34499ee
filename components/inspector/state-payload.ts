// Reads the order and action parts out of a VDA 5050 state payload from the message log. Tolerant: the payload is
// whatever the robot sent (already validated when `valid`), so every field is checked rather than cast.
import type { ActionState, ActionStatus } from '@/server/domain/vda5050/messages';
import type { RecentMessage } from '@/server/ports/robot-protocol-reader';

export interface RouteStep {
  kind: 'node' | 'edge';
  id: string;
  sequenceId: number;
  released: boolean;
}

export interface OrderSnapshot {
  /** Empty string: no order. */
  orderId: string;
  orderUpdateId: number | null;
  lastNodeId: string;
  lastNodeSequenceId: number | null;
  /** Nodes and edges still to travel, by sequenceId (nodes even, edges odd). */
  route: RouteStep[];
  actionStates: ActionState[];
  driving: boolean | null;
  paused: boolean | null;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});
const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.map(obj) : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const bool = (v: unknown): boolean | null => (typeof v === 'boolean' ? v : null);
const STATUSES: readonly string[] = ['WAITING', 'INITIALIZING', 'RUNNING', 'PAUSED', 'FINISHED', 'FAILED'];

function steps(items: Obj[], kind: RouteStep['kind'], idKey: 'nodeId' | 'edgeId'): RouteStep[] {
  return items.flatMap((i) => {
    const id = str(i[idKey]);
    const sequenceId = num(i.sequenceId);
    return id === undefined || sequenceId === null ? [] : [{ kind, id, sequenceId, released: i.released === true }];
  });
}

export function readOrderSnapshot(payload: unknown): OrderSnapshot {
  const p = obj(payload);
  const route = [...steps(list(p.nodeStates), 'node', 'nodeId'), ...steps(list(p.edgeStates), 'edge', 'edgeId')];
  route.sort((a, b) => a.sequenceId - b.sequenceId);
  const actionStates = list(p.actionStates).flatMap((a): ActionState[] => {
    const actionId = str(a.actionId);
    const status = str(a.actionStatus);
    if (actionId === undefined || status === undefined || !STATUSES.includes(status)) return [];
    return [{ actionId, actionType: str(a.actionType), actionStatus: status as ActionStatus, resultDescription: str(a.resultDescription) }];
  });
  return {
    orderId: str(p.orderId) ?? '',
    orderUpdateId: num(p.orderUpdateId),
    lastNodeId: str(p.lastNodeId) ?? '',
    lastNodeSequenceId: num(p.lastNodeSequenceId),
    route,
    actionStates,
    driving: bool(p.driving),
    paused: bool(p.paused),
  };
}

/** The newest valid state message the robot sent, in a newest-first log. */
export function newestValidState(messages: readonly RecentMessage[]): RecentMessage | null {
  return messages.find((m) => m.direction === 'in' && m.topic === 'state' && m.valid) ?? null;
}
