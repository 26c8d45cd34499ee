// Builds the VDA 5050 2.0.0 messages a simulated robot sends, from its behaviour state. Pure: the caller supplies
// the wall-clock timestamp, so tests can build messages without a clock.
import type {
  ConnectionMessage,
  ConnectionState,
  EdgeState,
  FactsheetMessage,
  NodeState,
  RobotTopic,
  StateMessage,
  VdaError,
  VdaHeader,
  VisualizationMessage,
} from '../domain/vda5050/messages';
import type { RoutePlanner } from '../domain/route-planner';
import { isDriving, type RobotState } from './robot-behaviour';
import type { MotionLimits } from './kinematics';

export const VDA_VERSION = '2.0.0';

/** Per-topic headerId counters, each starting at 0 as the specification asks. */
export class HeaderSequence {
  private readonly ids: Record<RobotTopic, number> = { state: 0, visualization: 0, connection: 0, factsheet: 0 };

  constructor(
    readonly manufacturer: string,
    readonly serialNumber: string,
    readonly version = VDA_VERSION,
  ) {}

  /** `timestamp` is ISO 8601 UTC with milliseconds, e.g. from Date#toISOString(). */
  next(topic: RobotTopic, timestamp: string): VdaHeader {
    const headerId = this.ids[topic]++;
    return { headerId, timestamp, version: this.version, manufacturer: this.manufacturer, serialNumber: this.serialNumber };
  }

  /** The headerId last handed out on `topic` (0 before the first). */
  last(topic: RobotTopic): number {
    return Math.max(0, this.ids[topic] - 1);
  }
}

export const r3 = (v: number): number => Math.round(v * 1000) / 1000;
/**
 * A heading in [-π, π] to 3 decimals, rounded toward zero: rounding -π to -3.142 put it below the -3.14159265359
 * that the 3.0 schema allows (the flow-topology test found a 3.0 robot facing west refused at every message).
 */
export const heading = (t: number): number => Math.trunc(Math.atan2(Math.sin(t), Math.cos(t)) * 1000) / 1000;

function position(s: RobotState, mapId: string) {
  return { x: r3(s.motion.x), y: r3(s.motion.y), theta: heading(s.motion.theta), mapId, positionInitialized: true };
}

function velocity(s: RobotState) {
  // VDA 5050 velocity is in the vehicle frame: a differential drive only moves along its heading.
  return { vx: r3(s.motion.speed), vy: 0, omega: r3(s.omega) };
}

export function buildVisualization(header: VdaHeader, s: RobotState, mapId: string): VisualizationMessage {
  return { ...header, agvPosition: position(s, mapId), velocity: velocity(s) };
}

/** The nodes and edges still ahead on the robot's own route (traversed ones leave the state, as the spec describes). */
export function routeStates(s: RobotState, planner: RoutePlanner): { nodeStates: NodeState[]; edgeStates: EdgeState[] } {
  const nodeStates: NodeState[] = [];
  const edgeStates: EdgeState[] = [];
  for (let i = s.next; i < s.route.length; i++) {
    const nodeId = s.route[i]!;
    // The node it stands on at a task's start is already traversed (found by the conformance report).
    if (nodeId === s.lastNodeId && i * 2 <= s.lastNodeSequenceId) continue;
    // No nodePosition: the app has the map, and state is the bulkiest message at fleet scale.
    nodeStates.push({ nodeId, sequenceId: i * 2, released: true });
    const prevId = s.route[i - 1];
    if (prevId !== undefined) {
      const edge = planner.edgeBetween(prevId, nodeId);
      edgeStates.push({ edgeId: edge?.id ?? `${prevId}-${nodeId}`, sequenceId: i * 2 - 1, released: true });
    }
  }
  return { nodeStates, edgeStates };
}

/** The robot's own incidents as VDA 5050 errors. */
export function robotErrors(s: RobotState): VdaError[] {
  return s.errors.map(({ errorType, errorLevel, errorDescription }) => ({
    errorType,
    errorLevel,
    errorDescription: errorDescription ?? '',
  }));
}

export function buildState(header: VdaHeader, s: RobotState, planner: RoutePlanner): StateMessage {
  const mapId = planner.map.mapId;
  const { nodeStates, edgeStates } = routeStates(s, planner);
  return {
    ...header,
    orderId: s.orderId,
    orderUpdateId: s.orderUpdateId,
    lastNodeId: s.lastNodeId,
    lastNodeSequenceId: s.lastNodeSequenceId,
    driving: isDriving(s),
    paused: s.paused,
    operatingMode: 'AUTOMATIC',
    nodeStates,
    edgeStates,
    actionStates: s.actionStates,
    batteryState: { batteryCharge: Math.round(s.battery * 10) / 10, charging: s.charging },
    errors: robotErrors(s),
    safetyState: { eStop: 'NONE', fieldViolation: s.errors.some((e) => e.errorType === 'obstacleDetected') },
    agvPosition: position(s, mapId),
    velocity: velocity(s),
  };
}

export function buildConnection(header: VdaHeader, connectionState: ConnectionState): ConnectionMessage {
  return { ...header, connectionState };
}

export function buildFactsheet(header: VdaHeader, limits: MotionLimits, hz: number): FactsheetMessage {
  return {
    ...header,
    typeSpecification: {
      seriesName: 'SimRobotics AMR-1',
      seriesDescription: 'Simulated autonomous mobile robot',
      agvKinematic: 'DIFF',
      agvClass: 'CARRIER',
      maxLoadMass: 1000,
      localizationTypes: ['NATURAL'],
      navigationTypes: ['AUTONOMOUS'],
    },
    physicalParameters: {
      speedMin: 0.05,
      speedMax: limits.maxSpeed,
      accelerationMax: limits.maxAccel,
      decelerationMax: limits.maxAccel,
      heightMin: 0.3,
      heightMax: 0.4,
      width: 0.8,
      length: 1.2,
    },
    protocolLimits: {
      maxStringLens: {},
      maxArrayLens: {},
      timing: { minOrderInterval: 1, minStateInterval: 0.1, defaultStateInterval: 1, visualizationInterval: 1 / hz },
    },
    protocolFeatures: {
      optionalParameters: [],
      agvActions: [
        { actionType: 'pick', actionScopes: ['NODE'] },
        { actionType: 'drop', actionScopes: ['NODE'] },
        { actionType: 'startCharging', actionScopes: ['INSTANT', 'NODE'] },
        { actionType: 'stopCharging', actionScopes: ['INSTANT', 'NODE'] },
      ],
    },
    agvGeometry: {},
    loadSpecification: { loadSets: [{ setName: 'EPAL', loadType: 'EPAL' }] },
  };
}
