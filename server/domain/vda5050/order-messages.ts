// VDA 5050 2.0.0 messages from master control to the robot: order and instantActions (field names as in the spec).
import type { VdaHeader } from './header';

export type BlockingType = 'NONE' | 'SOFT' | 'HARD';
export type ActionParameterValue = string | number | boolean | unknown[] | Record<string, unknown>;
export interface ActionParameter {
  key: string;
  value: ActionParameterValue;
}
export interface Action {
  actionType: string;
  actionId: string;
  actionDescription?: string;
  blockingType: BlockingType;
  actionParameters?: ActionParameter[];
}
export interface NodePosition {
  x: number;
  y: number;
  theta?: number;
  allowedDeviationXY?: number;
  allowedDeviationTheta?: number;
  mapId: string;
  mapDescription?: string;
}
export interface OrderNode {
  nodeId: string;
  sequenceId: number;
  nodeDescription?: string;
  released: boolean;
  nodePosition?: NodePosition;
  actions: Action[];
}
export interface OrderEdge {
  edgeId: string;
  sequenceId: number;
  edgeDescription?: string;
  released: boolean;
  startNodeId: string;
  endNodeId: string;
  maxSpeed?: number;
  orientation?: number;
  direction?: string;
  rotationAllowed?: boolean;
  length?: number;
  actions: Action[];
}
/** An order without its header: what master control decides; the gateway adds the header when it sends it. */
export interface OrderBody {
  orderId: string;
  orderUpdateId: number;
  zoneSetId?: string;
  nodes: OrderNode[];
  edges: OrderEdge[];
}
export interface OrderMessage extends VdaHeader, OrderBody {}
export interface InstantActionsMessage extends VdaHeader {
  actions: Action[];
}
export const MASTER_TOPICS = ['order', 'instantActions'] as const;
export type MasterTopic = (typeof MASTER_TOPICS)[number];
