// Pure motion model of a differential-drive robot following a polyline: it drives straight along segments with an
// acceleration limit, brakes to a stop before sharp corners and the goal, and turns on the spot at a limited rate,
// so its heading is always the direction it travels in.

export interface Point {
  x: number;
  y: number;
}

export interface Motion {
  x: number;
  y: number;
  /** Heading in radians, counter-clockwise from +x. */
  theta: number;
  /** Forward speed, m/s (never negative). */
  speed: number;
}

export interface MotionLimits {
  maxSpeed: number;
  /** m/s², used for both speeding up and braking. */
  maxAccel: number;
  /** rad/s */
  maxTurnRate: number;
  /** Heading error (rad) below which the robot drives; above it, it stops and turns. */
  headingTolerance: number;
}

export const DEFAULT_LIMITS: MotionLimits = { maxSpeed: 1.5, maxAccel: 0.6, maxTurnRate: 1.2, headingTolerance: 0.05 };

export interface StepResult {
  motion: Motion;
  /** Index of the waypoint the robot is heading for; equals path.length once arrived. */
  next: number;
  arrived: boolean;
  /** Angular velocity over this step, rad/s. */
  omega: number;
}

const EPS = 1e-6;
const CREEP = 0.05; // m/s floor while braking, so a stop point is always reached in finite steps

export function wrapAngle(a: number): number {
  let r = (a + Math.PI) % (2 * Math.PI);
  if (r < 0) r += 2 * Math.PI;
  return r - Math.PI;
}

/** Distance from `pos` along the path to the next point where the robot must stop (sharp corner or the end). */
function distanceToStop(pos: Point, path: readonly Point[], next: number, tolerance: number): number {
  let d = 0;
  let from = pos;
  for (let i = next; i < path.length; i++) {
    const p = path[i]!;
    d += Math.hypot(p.x - from.x, p.y - from.y);
    const after = path[i + 1];
    if (!after) return d;
    const turn = Math.abs(wrapAngle(Math.atan2(after.y - p.y, after.x - p.x) - Math.atan2(p.y - from.y, p.x - from.x)));
    if (turn > tolerance && Math.hypot(p.x - from.x, p.y - from.y) > EPS) return d;
    from = p;
  }
  return d;
}

/** Advances `motion` along `path` (starting towards `path[next]`) by `dt` seconds. */
export function advanceAlongPath(
  motion: Motion,
  path: readonly Point[],
  next: number,
  dt: number,
  limits: MotionLimits = DEFAULT_LIMITS,
): StepResult {
  let { x, y, theta, speed } = motion;
  // Skip waypoints we are already standing on.
  while (next < path.length && Math.hypot(path[next]!.x - x, path[next]!.y - y) < EPS) next++;
  if (next >= path.length) return { motion: { x, y, theta, speed: 0 }, next, arrived: true, omega: 0 };

  const target = path[next]!;
  const err = wrapAngle(Math.atan2(target.y - y, target.x - x) - theta);
  const turn = Math.max(-limits.maxTurnRate * dt, Math.min(limits.maxTurnRate * dt, err));
  theta = wrapAngle(theta + turn);
  const omega = dt > 0 ? turn / dt : 0;
  if (Math.abs(err) > limits.headingTolerance) {
    // Turning on the spot: corners are approached braking, so speed is already about zero here.
    return { motion: { x, y, theta, speed: 0 }, next, arrived: false, omega };
  }

  const stopIn = distanceToStop({ x, y }, path, next, limits.headingTolerance);
  const brakeLimit = Math.max(CREEP, Math.sqrt(2 * limits.maxAccel * stopIn));
  speed = Math.min(speed + limits.maxAccel * dt, limits.maxSpeed, brakeLimit);
  let travel = Math.min(speed * dt, stopIn);

  while (travel > EPS && next < path.length) {
    const p = path[next]!;
    const d = Math.hypot(p.x - x, p.y - y);
    if (travel < d) {
      x += ((p.x - x) / d) * travel;
      y += ((p.y - y) / d) * travel;
      break;
    }
    travel -= d;
    x = p.x;
    y = p.y;
    next++;
    const after = path[next];
    if (!after) break;
    const segHeading = Math.atan2(after.y - y, after.x - x);
    if (Math.abs(wrapAngle(segHeading - theta)) > limits.headingTolerance) break; // stop here and turn next step
    theta = segHeading;
  }
  const arrived = next >= path.length;
  return { motion: { x, y, theta, speed: arrived ? 0 : speed }, next, arrived, omega };
}
