// Shapes of the VDA 5050 2.0.0 messages a robot receives (order, instantActions). The sim validates them against the
// official schemas before use, so these types only describe what a schema-valid message holds.
import type { VdaHeader } from '../domain/vda5050/messages';

export type BlockingType = 'NONE' | 'SOFT' | 'HARD';
export type ActionScope = 'INSTANT' | 'NODE' | 'EDGE';

export interface VdaActionParameter {
  key: string;
  value: unknown;
}

export interface VdaAction {
  actionId: string;
  actionType: string;
  blockingType: BlockingType;
  actionDescription?: string;
  actionParameters?: VdaActionParameter[];
}

export interface OrderNode {
  nodeId: string;
  sequenceId: number;
  released: boolean;
  nodeDescription?: string;
  nodePosition?: { x: number; y: number; theta?: number; mapId: string; allowedDeviationXY?: number };
  actions: VdaAction[];
}

export interface OrderEdge {
  edgeId: string;
  sequenceId: number;
  released: boolean;
  startNodeId: string;
  endNodeId: string;
  maxSpeed?: number;
  edgeDescription?: string;
  actions: VdaAction[];
}

export interface OrderMessage extends VdaHeader {
  orderId: string;
  orderUpdateId: number;
  zoneSetId?: string;
  nodes: OrderNode[];
  edges: OrderEdge[];
}

export interface InstantActionsMessage extends VdaHeader {
  actions: VdaAction[];
}

/** The value of an action parameter, or undefined when absent. */
export function actionParam(action: VdaAction, key: string): unknown {
  return action.actionParameters?.find((p) => p.key === key)?.value;
}

export function numberParam(action: VdaAction, key: string): number | undefined {
  const v = actionParam(action, key);
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}
