// Transient per-robot pose store. Plain mutable objects written on every telemetry frame and read inside
// useFrame; it never triggers a React render (architecture.md, "Hot paths").
import type { RobotStatus, RobotView } from '@/server/domain/robot';
import { robotStatus } from '@/server/domain/robot';

export interface PoseEntry {
  id: number;
  /** Pose the interpolation starts from (where the robot was drawn when the latest pose arrived). */
  fromX: number;
  fromY: number;
  fromTheta: number;
  /** Latest pose received. */
  x: number;
  y: number;
  theta: number;
  speed: number;
  /** performance.now() when the latest pose arrived, and how long to glide towards it. */
  arrivedAt: number;
  glideMs: number;
  /** Last message from the robot, in server epoch ms. */
  lastSeen: number;
  status: RobotStatus;
  hasPose: boolean;
}

const DEFAULT_GLIDE_MS = 100;

export const poseStore = {
  entries: new Map<number, PoseEntry>(),
  /** Browser clock minus server clock, so staleness is judged on the server's time base. */
  clockOffsetMs: 0,
};

export function serverNow(): number {
  return Date.now() - poseStore.clockOffsetMs;
}

export function noteServerTime(serverTime: number): void {
  poseStore.clockOffsetMs = Date.now() - serverTime;
}

/** Current interpolated pose of an entry, written into `out` to avoid allocation per robot per frame. */
export function interpolatedPose(e: PoseEntry, now: number, out: { x: number; y: number; theta: number }): void {
  const a = e.glideMs > 0 ? Math.min(1, Math.max(0, (now - e.arrivedAt) / e.glideMs)) : 1;
  out.x = e.fromX + (e.x - e.fromX) * a;
  out.y = e.fromY + (e.y - e.fromY) * a;
  let d = e.theta - e.fromTheta;
  // Turn the short way round.
  d = ((((d + Math.PI) % (2 * Math.PI)) + 2 * Math.PI) % (2 * Math.PI)) - Math.PI;
  out.theta = e.fromTheta + d * a;
}

const scratch = { x: 0, y: 0, theta: 0 };

export function applyPose(id: number, x: number, y: number, theta: number, speed: number, serverTime: number): boolean {
  const e = poseStore.entries.get(id);
  if (!e) return false;
  const now = performance.now();
  if (e.hasPose) {
    interpolatedPose(e, now, scratch);
    e.fromX = scratch.x;
    e.fromY = scratch.y;
    e.fromTheta = scratch.theta;
    // Glide over the observed frame interval so motion stays continuous at any server tick rate.
    const gap = now - e.arrivedAt;
    e.glideMs = gap > 20 && gap < 1000 ? gap : DEFAULT_GLIDE_MS;
  } else {
    e.fromX = x;
    e.fromY = y;
    e.fromTheta = theta;
  }
  e.x = x;
  e.y = y;
  e.theta = theta;
  e.speed = speed;
  e.arrivedAt = now;
  e.hasPose = true;
  e.lastSeen = Math.max(e.lastSeen, serverTime);
  return true;
}

/** Inserts or refreshes a robot from its full view. Returns true when the robot is new. */
export function upsertRobot(v: RobotView): boolean {
  let e = poseStore.entries.get(v.id);
  const isNew = !e;
  if (!e) {
    e = {
      id: v.id,
      fromX: 0,
      fromY: 0,
      fromTheta: 0,
      x: 0,
      y: 0,
      theta: 0,
      speed: 0,
      arrivedAt: 0,
      glideMs: DEFAULT_GLIDE_MS,
      lastSeen: 0,
      status: 'offline',
      hasPose: false,
    };
    poseStore.entries.set(v.id, e);
  }
  e.status = robotStatus(v);
  e.lastSeen = Math.max(e.lastSeen, v.lastSeenAt ?? 0);
  if (v.pose) applyPose(v.id, v.pose.x, v.pose.y, v.pose.theta, v.speed, v.lastSeenAt ?? 0);
  return isNew;
}

/**
 * Replay: places a robot exactly (no glide: the replay interpolates samples itself). `lastSeen` is shifted onto
 * the live time base so the scene's staleness check judges the replayed moment.
 */
export function placeReplayedPose(
  id: number,
  p: { x: number; y: number; theta: number; speed: number; status: RobotStatus },
  sampleAgeMs: number,
): void {
  const e = poseStore.entries.get(id);
  if (!e) return;
  e.fromX = e.x = p.x;
  e.fromY = e.y = p.y;
  e.fromTheta = e.theta = p.theta;
  e.speed = p.speed;
  e.status = p.status;
  e.glideMs = 0;
  e.arrivedAt = performance.now();
  e.hasPose = true;
  e.lastSeen = serverNow() - sampleAgeMs;
}

export function removeRobot(id: number): void {
  poseStore.entries.delete(id);
}

export function clearPoses(): void {
  poseStore.entries.clear();
}
