// Pure correlation of a robot's successive `state` messages into transitions: every action's status change and
// every order's progress, each reported once however often the robot repeats the same state.
import type { ActionStatus, StateMessage, VdaError } from './messages';
import { FINAL_ACTION_STATUSES, ORDER_ERROR_TYPES, type RobotActionTransition, type RobotOrderEvent } from './protocol-events';

/** Settled actions remembered after they leave actionStates, so a later re-report is not taken for news. */
const SETTLED_MEMORY = 256;

export interface CorrelationMemory {
  actions: Map<string, ActionStatus>;
  settled: Map<string, ActionStatus>;
  orderId: string | null;
  orderUpdateId: number | null;
  lastNodeSequenceId: number | null;
  /** `orderId:orderUpdateId` already reported completed. */
  completed: string | null;
  /** Order-related errors currently raised, by key. */
  orderErrors: Map<string, string>;
}

export function newCorrelationMemory(): CorrelationMemory {
  return {
    actions: new Map(),
    settled: new Map(),
    orderId: null,
    orderUpdateId: null,
    lastNodeSequenceId: null,
    completed: null,
    orderErrors: new Map(),
  };
}

export interface Correlation {
  memory: CorrelationMemory;
  actions: RobotActionTransition[];
  orders: RobotOrderEvent[];
}

const ACTIVE: readonly ActionStatus[] = ['WAITING', 'INITIALIZING', 'RUNNING', 'PAUSED'];
const isOrderError = (e: VdaError) => (ORDER_ERROR_TYPES as readonly string[]).includes(e.errorType);
const refsOf = (e: VdaError): Record<string, string> =>
  Object.fromEntries((e.errorReferences ?? []).map((r) => [r.referenceKey, r.referenceValue]));
const errorKey = (e: VdaError) => `${e.errorType}|${JSON.stringify(e.errorReferences ?? [])}`;

export function correlateState(robotId: number, prev: CorrelationMemory, state: StateMessage, ts: number): Correlation {
  const base = { robotId, ts, headerId: state.headerId };
  const memory: CorrelationMemory = { ...prev, actions: new Map(), settled: new Map(prev.settled), orderErrors: new Map() };
  const actions: RobotActionTransition[] = [];
  const orders: RobotOrderEvent[] = [];

  for (const a of state.actionStates) {
    const before = prev.actions.get(a.actionId) ?? prev.settled.get(a.actionId) ?? null;
    memory.actions.set(a.actionId, a.actionStatus);
    if (FINAL_ACTION_STATUSES.includes(a.actionStatus)) remember(memory.settled, a.actionId, a.actionStatus);
    if (before === a.actionStatus) continue;
    actions.push({
      ...base,
      actionId: a.actionId,
      actionType: a.actionType ?? null,
      from: before,
      to: a.actionStatus,
      resultDescription: a.resultDescription ?? null,
      orderId: state.orderId,
    });
  }

  const order = { ...base, orderId: state.orderId, orderUpdateId: state.orderUpdateId };
  const isNewOrder = state.orderId !== '' && (state.orderId !== prev.orderId || state.orderUpdateId !== prev.orderUpdateId);
  if (isNewOrder) {
    orders.push({
      ...order,
      kind: 'accepted',
      previousOrderId: prev.orderId,
      previousOrderUpdateId: prev.orderUpdateId,
      nodes: state.nodeStates.length,
      edges: state.edgeStates.length,
    });
  }
  const knewRobot = prev.orderId !== null;
  // sequenceIds restart with every new orderId, so the first node of a new order counts even at the same number.
  const moved = state.lastNodeSequenceId !== prev.lastNodeSequenceId || state.orderId !== prev.orderId;
  if (state.orderId !== '' && knewRobot && moved && state.lastNodeId !== '') {
    orders.push({
      ...order,
      kind: 'node_reached',
      nodeId: state.lastNodeId,
      sequenceId: state.lastNodeSequenceId,
      remainingNodes: state.nodeStates.length,
    });
  }
  const key = `${state.orderId}:${state.orderUpdateId}`;
  const done =
    state.nodeStates.length === 0 && state.edgeStates.length === 0 && !state.actionStates.some((a) => ACTIVE.includes(a.actionStatus));
  if (state.orderId !== '' && done && prev.completed !== key) {
    const cancel = actions.find((a) => a.actionType === 'cancelOrder' && a.to === 'FINISHED');
    orders.push(
      cancel
        ? { ...order, kind: 'cancelled', lastNodeId: state.lastNodeId, cancelActionId: cancel.actionId }
        : { ...order, kind: 'completed', lastNodeId: state.lastNodeId },
    );
    memory.completed = key;
  }

  for (const e of state.errors.filter(isOrderError)) {
    const k = errorKey(e);
    memory.orderErrors.set(k, e.errorType);
    if (prev.orderErrors.has(k)) continue;
    const refs = refsOf(e);
    const refUpdate = Number(refs.orderUpdateId);
    orders.push({
      ...base,
      orderId: refs.orderId ?? state.orderId,
      orderUpdateId: Number.isInteger(refUpdate) && refs.orderUpdateId !== undefined ? refUpdate : state.orderUpdateId,
      kind: 'error',
      errorType: e.errorType,
      errorLevel: e.errorLevel,
      description: e.errorDescription ?? null,
      references: refs,
    });
  }
  for (const [k, errorType] of prev.orderErrors)
    if (!memory.orderErrors.has(k)) orders.push({ ...order, kind: 'error_cleared', errorType });

  memory.orderId = state.orderId;
  memory.orderUpdateId = state.orderUpdateId;
  memory.lastNodeSequenceId = state.lastNodeSequenceId;
  return { memory, actions, orders };
}

function remember(settled: Map<string, ActionStatus>, id: string, status: ActionStatus): void {
  settled.delete(id);
  settled.set(id, status);
  if (settled.size > SETTLED_MEMORY) settled.delete(settled.keys().next().value!);
}
