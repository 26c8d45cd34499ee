// Counters for e2e tests and benchmarks, on window.__fleetDebug. Plain mutable fields: reading them
// never renders anything.
import type { RobotStatus } from '@/server/domain/robot';
import { poseStore } from './pose-store';

export interface FleetDebug {
  framesReceived: number;
  snapshotsReceived: number;
  resyncsRequested: number;
  /** React commits of the 3D scene subtree. */
  sceneRenders: number;
  robotsInScene: number;
  drawCalls: number;
  /** JS time of the last useFrame robot update, in ms. */
  robotUpdateMs: number;
  /** Display status the 3D view colours a robot with (null before its first summary). */
  statusOf(id: number): RobotStatus | null;
  /** Latest received pose of a robot (not interpolated). */
  poseOf(id: number): { x: number; y: number; theta: number; speed: number } | null;
  /** Where a robot is drawn, in CSS pixels relative to the canvas; set by the scene. */
  screenPositionOf(id: number): { x: number; y: number } | null;
}

export const fleetDebug: FleetDebug = {
  framesReceived: 0,
  snapshotsReceived: 0,
  resyncsRequested: 0,
  sceneRenders: 0,
  robotsInScene: 0,
  drawCalls: 0,
  robotUpdateMs: 0,
  statusOf: (id) => poseStore.entries.get(id)?.status ?? null,
  poseOf(id) {
    const e = poseStore.entries.get(id);
    return e?.hasPose ? { x: e.x, y: e.y, theta: e.theta, speed: e.speed } : null;
  },
  screenPositionOf: () => null,
};

declare global {
  interface Window {
    __fleetDebug?: FleetDebug;
  }
}

if (typeof window !== 'undefined') window.__fleetDebug = fleetDebug;

/**
 * Counts one scene commit per task, however many scene components committed in it. Works in production
 * builds too, where React's <Profiler> onRender is compiled out.
 */
let commitPending = false;
export function noteSceneCommit(): void {
  if (commitPending) return;
  commitPending = true;
  fleetDebug.sceneRenders += 1;
  queueMicrotask(() => {
    commitPending = false;
  });
}
