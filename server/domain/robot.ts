// The app's view of one robot: identity plus its latest merged state. Pure data, no I/O.
import type { ConnectionState, OperatingMode, VdaError } from './vda5050/messages';

export interface Pose {
  x: number;
  y: number;
  theta: number;
  mapId: string;
}

export type RobotStatus = 'driving' | 'idle' | 'paused' | 'charging' | 'error' | 'offline';

export interface RobotView {
  id: number;
  manufacturer: string;
  serialNumber: string;
  name: string;
  connection: ConnectionState;
  pose: Pose | null;
  /** Linear speed in m/s, from visualization/state velocity. */
  speed: number;
  battery: number | null;
  charging: boolean;
  driving: boolean;
  paused: boolean;
  operatingMode: OperatingMode | null;
  errors: VdaError[];
  orderId: string | null;
  lastNodeId: string | null;
  /** Epoch ms of the last message of any kind from the robot. */
  lastSeenAt: number | null;
  protocolVersion: string | null;
  /** VDA 5050 3.0 robots: the intermediate path they reported last, ETAs in epoch ms (absent: none reported). */
  path?: { x: number; y: number; eta: number }[];
  /** Silent for longer than STALE_AFTER_MS without a last will (set by the liveness worker; cleared when it speaks). */
  stale?: boolean;
}

/** Derived display status; offline wins, then errors (FATAL), charging, paused, driving. */
export function robotStatus(r: Pick<RobotView, 'connection' | 'errors' | 'charging' | 'paused' | 'driving'>): RobotStatus {
  if (r.connection !== 'ONLINE') return 'offline';
  if (r.errors.some((e) => e.errorLevel === 'FATAL')) return 'error';
  if (r.charging) return 'charging';
  if (r.paused) return 'paused';
  if (r.driving) return 'driving';
  return 'idle';
}

export function robotKey(manufacturer: string, serialNumber: string): string {
  return `${manufacturer}/${serialNumber}`;
}

/** A robot not heard from for this long is drawn as stale. */
export const STALE_AFTER_MS = 3000;
