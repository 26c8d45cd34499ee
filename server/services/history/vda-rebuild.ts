// VDA 5050 messages rebuilt from history for the export. History keeps samples (pose, velocity as speed, flags,
// battery) and events, not the messages' bytes: a rebuilt message carries what history kept, with the fields the
// 2.x schemas require filled with neutral values (empty nodeStates/edgeStates/actionStates, no e-stop). It is valid
// against the state/visualization/connection schemas the gateway validates with, and replays the same poses, flags,
// battery, errors, order and node; it is NOT the original message. Pure.
import { HISTORY_SOURCE, type HistorySample } from '../../domain/history/history-sample';
import type {
  ConnectionMessage,
  ConnectionState,
  OperatingMode,
  StateMessage,
  VdaHeader,
  VisualizationMessage,
} from '../../domain/vda5050/messages';
import type { ReplayState } from './snapshot-replay';

export interface RobotIdentity {
  manufacturer: string;
  serialNumber: string;
  /** The robot's protocol version (2.x); 2.0.0 when history never learned it. */
  version: string;
}

const MODES: readonly string[] = ['AUTOMATIC', 'SEMIAUTOMATIC', 'MANUAL', 'SERVICE', 'TEACHIN', 'STARTUP', 'INTERVENED'];

function header(id: RobotIdentity, headerId: number, ts: number): VdaHeader {
  return {
    headerId,
    timestamp: new Date(ts).toISOString(),
    version: id.version,
    manufacturer: id.manufacturer,
    serialNumber: id.serialNumber,
  };
}

function position(s: HistorySample) {
  return { x: s.x, y: s.y, theta: s.theta, mapId: s.mapId, positionInitialized: true };
}

/** Speed was kept as a scalar: it goes back as vx in the robot's frame. */
const velocity = (s: HistorySample) => (s.speed === null ? undefined : { vx: s.speed, vy: 0, omega: 0 });

export function visualizationOf(id: RobotIdentity, s: HistorySample): VisualizationMessage {
  const v = velocity(s);
  return { ...header(id, s.headerId, s.ts), agvPosition: position(s), ...(v && { velocity: v }) };
}

/** A state message for a sample that came from one (source state), with the robot's replayed errors/order/node. */
export function stateOf(id: RobotIdentity, s: HistorySample, r: ReplayState): StateMessage {
  const v = velocity(s);
  const mode = s.operatingMode ?? r.operatingMode;
  return {
    ...header(id, s.headerId, s.ts),
    orderId: r.orderId ?? '',
    orderUpdateId: 0,
    lastNodeId: r.lastNodeId ?? '',
    lastNodeSequenceId: 0,
    driving: s.driving ?? false,
    paused: s.paused ?? false,
    operatingMode: (mode && MODES.includes(mode) ? mode : 'AUTOMATIC') as OperatingMode,
    nodeStates: [],
    edgeStates: [],
    agvPosition: position(s),
    ...(v && { velocity: v }),
    actionStates: [],
    batteryState: { batteryCharge: s.battery ?? 0, charging: s.charging ?? false },
    errors: r.errors.map((e) => ({
      errorType: e.errorType,
      errorLevel: e.errorLevel,
      ...(e.errorDescription !== undefined && { errorDescription: e.errorDescription }),
    })),
    safetyState: { eStop: 'NONE', fieldViolation: false },
  };
}

export function connectionOf(id: RobotIdentity, headerId: number, ts: number, state: ConnectionState): ConnectionMessage {
  return { ...header(id, headerId, ts), connectionState: state };
}

export const isStateSample = (s: HistorySample): boolean => s.source === HISTORY_SOURCE.state;
