// VDA 5050 2.0.0 message shapes used by the app and the simulator (subset of the official schemas in
// server/protocol/schemas/; field names follow the specification exactly).

export type VdaTopic = 'order' | 'instantActions' | 'state' | 'visualization' | 'connection' | 'factsheet';
export const ROBOT_TOPICS = ['state', 'visualization', 'connection', 'factsheet'] as const;
export type RobotTopic = (typeof ROBOT_TOPICS)[number];

import type { VdaHeader } from './header';

export type { VdaHeader };

export interface AgvPosition {
  x: number;
  y: number;
  theta: number;
  mapId: string;
  mapDescription?: string;
  positionInitialized: boolean;
  localizationScore?: number;
  deviationRange?: number;
}

export interface Velocity {
  vx?: number;
  vy?: number;
  omega?: number;
}

export interface VisualizationMessage extends VdaHeader {
  agvPosition?: AgvPosition;
  velocity?: Velocity;
}

/** HIBERNATING: VDA 5050 3.0 only (the robot sleeps on purpose, still connected). */
export type ConnectionState = 'ONLINE' | 'OFFLINE' | 'CONNECTIONBROKEN' | 'HIBERNATING';
export interface ConnectionMessage extends VdaHeader {
  connectionState: ConnectionState;
}

/** STARTUP and INTERVENED: VDA 5050 3.0 only (its TEACH_IN is TEACHIN here). */
export type OperatingMode = 'AUTOMATIC' | 'SEMIAUTOMATIC' | 'MANUAL' | 'SERVICE' | 'TEACHIN' | 'STARTUP' | 'INTERVENED';
export type ErrorLevel = 'WARNING' | 'FATAL';
export interface VdaError {
  errorType: string;
  errorLevel: ErrorLevel;
  errorDescription?: string;
  errorReferences?: { referenceKey: string; referenceValue: string }[];
}
export interface BatteryState {
  batteryCharge: number;
  batteryVoltage?: number;
  batteryHealth?: number;
  charging: boolean;
  reach?: number;
}
export interface SafetyState {
  eStop: 'AUTOACK' | 'MANUAL' | 'REMOTE' | 'NONE';
  fieldViolation: boolean;
}
export interface NodeState {
  nodeId: string;
  sequenceId: number;
  released: boolean;
  nodeDescription?: string;
  nodePosition?: { x: number; y: number; theta?: number; mapId: string };
}
export interface EdgeState {
  edgeId: string;
  sequenceId: number;
  released: boolean;
  edgeDescription?: string;
}
/** RETRIABLE: VDA 5050 3.0 only (failed, waiting for master control to retry or skip it: not final). */
export type ActionStatus = 'WAITING' | 'INITIALIZING' | 'RUNNING' | 'PAUSED' | 'RETRIABLE' | 'FINISHED' | 'FAILED';
export interface ActionState {
  actionId: string;
  actionType?: string;
  actionDescription?: string;
  actionStatus: ActionStatus;
  resultDescription?: string;
}
export interface LoadInfo {
  loadId?: string;
  loadType?: string;
  loadPosition?: string;
  weight?: number;
}

export interface StateMessage extends VdaHeader {
  orderId: string;
  orderUpdateId: number;
  zoneSetId?: string;
  lastNodeId: string;
  lastNodeSequenceId: number;
  driving: boolean;
  paused?: boolean;
  newBaseRequest?: boolean;
  distanceSinceLastNode?: number;
  operatingMode: OperatingMode;
  nodeStates: NodeState[];
  edgeStates: EdgeState[];
  agvPosition?: AgvPosition;
  velocity?: Velocity;
  loads?: LoadInfo[];
  actionStates: ActionState[];
  batteryState: BatteryState;
  errors: VdaError[];
  information?: { infoType: string; infoLevel: 'INFO' | 'DEBUG'; infoDescription?: string }[];
  safetyState: SafetyState;
  /** VDA 5050 3.0: the robot's intermediate path with ETAs (2.x robots send none). */
  intermediatePath?: PathPoint[];
  /** VDA 5050 3.0: the robot's open zone and edge requests (2.x robots send none). */
  zoneRequests?: ZoneRequest[];
  edgeRequests?: EdgeRequest[];
  /** VDA 5050 3.0: the zone sets stored on the robot. */
  zoneSets?: { zoneSetId: string; mapId: string; zoneSetStatus: 'ENABLED' | 'DISABLED' }[];
}

/** A point of a 3.0 intermediatePath: where the robot expects to be, and when (ISO 8601 `eta`). */
export interface PathPoint {
  x: number;
  y: number;
  theta?: number;
  eta: string;
}

export type RequestStatus = 'REQUESTED' | 'GRANTED' | 'REVOKED' | 'EXPIRED';

export interface ZoneRequest {
  requestId: string;
  requestType: 'ACCESS' | 'REPLANNING';
  zoneId: string;
  zoneSetId: string;
  requestStatus: RequestStatus;
}

export interface EdgeRequest {
  requestId: string;
  requestType: 'CORRIDOR';
  edgeId: string;
  sequenceId: number;
  requestStatus: RequestStatus;
}

/** Minimal view of a factsheet: the app stores the whole document as JSON. */
export interface FactsheetMessage extends VdaHeader {
  typeSpecification: Record<string, unknown>;
  physicalParameters: Record<string, unknown>;
  protocolLimits: Record<string, unknown>;
  protocolFeatures: Record<string, unknown>;
  agvGeometry: Record<string, unknown>;
  loadSpecification: Record<string, unknown>;
  localizationParameters?: Record<string, unknown>;
}

export * from './order-messages';

export type RobotMessage =
  | { topic: 'visualization'; message: VisualizationMessage }
  | { topic: 'state'; message: StateMessage }
  | { topic: 'connection'; message: ConnectionMessage }
  | { topic: 'factsheet'; message: FactsheetMessage };

/** `<interface>/<majorVersion>/<manufacturer>/<serialNumber>/<topic>` */
export function vdaTopic(iface: string, manufacturer: string, serialNumber: string, topic: VdaTopic): string {
  return `${iface}/v2/${manufacturer}/${serialNumber}/${topic}`;
}

export interface ParsedTopic {
  iface: string;
  majorVersion: string;
  manufacturer: string;
  serialNumber: string;
  topic: string;
}

export function parseVdaTopic(topic: string): ParsedTopic | null {
  const parts = topic.split('/');
  if (parts.length !== 5) return null;
  const [iface, majorVersion, manufacturer, serialNumber, sub] = parts as [string, string, string, string, string];
  if (!manufacturer || !serialNumber || !sub) return null;
  return { iface, majorVersion, manufacturer, serialNumber, topic: sub };
}
