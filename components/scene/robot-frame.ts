// Per-frame robot data shared inside the scene without React: RobotInstances writes where each robot is drawn,
// RobotLabels projects those points to the screen and lays the labels out, and pointer hover reads the result.
// Index i is the robot ids[i] of the current ids array.
import { create } from 'zustand';
import type { LabelFrame } from './label-layout';

export const FLAG_OFFLINE = 1;
export const FLAG_FAULT = 2;

export interface RobotFrame extends LabelFrame {
  ids: readonly number[];
  /** World position of each robot (three x, z). */
  x: Float32Array;
  z: Float32Array;
  /** 1 when the robot has a pose and is drawn. */
  drawn: Uint8Array;
  /** FLAG_OFFLINE | FLAG_FAULT. */
  flags: Uint8Array;
  /** 1 when its label is drawn this frame. */
  shown: Uint8Array;
}

function sized(n: number): Omit<RobotFrame, 'ids' | 'n'> {
  return {
    x: new Float32Array(n),
    z: new Float32Array(n),
    drawn: new Uint8Array(n),
    flags: new Uint8Array(n),
    sx: new Float32Array(n),
    sy: new Float32Array(n),
    candidate: new Uint8Array(n),
    width: new Float32Array(n),
    priority: new Uint8Array(n),
    shown: new Uint8Array(n),
  };
}

export const robotFrame: RobotFrame = { ids: [], n: 0, ...sized(0) };

/** Sets the robots of the coming frames, growing the buffers when needed. */
export function setFrameRobots(ids: readonly number[], capacity: number): void {
  if (robotFrame.x.length < capacity) Object.assign(robotFrame, sized(capacity));
  robotFrame.ids = ids;
  robotFrame.n = ids.length;
}

/** Scene instances are allocated in powers of two, so a growing fleet rarely re-creates its buffers. */
export function capacityFor(n: number): number {
  return Math.max(64, 2 ** Math.ceil(Math.log2(Math.max(1, n))));
}

/** The robot under the pointer in the 3D view (null when none): drives the tooltip and the label priority. */
export const useSceneHover = create<{ hoveredId: number | null }>()(() => ({ hoveredId: null }));
