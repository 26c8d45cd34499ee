import { describe, expect, it } from 'vitest';
import { advanceAlongPath, DEFAULT_LIMITS, wrapAngle, type Motion, type Point } from './kinematics';

const dt = 0.1;

function run(path: Point[], start: Motion, maxSteps = 2000) {
  let motion = start;
  let next = 0;
  const trace: { before: Motion; after: Motion; omega: number }[] = [];
  for (let i = 0; i < maxSteps; i++) {
    const r = advanceAlongPath(motion, path, next, dt);
    trace.push({ before: motion, after: r.motion, omega: r.omega });
    motion = r.motion;
    next = r.next;
    if (r.arrived) return { motion, trace, arrived: true, steps: i + 1 };
  }
  return { motion, trace, arrived: false, steps: maxSteps };
}

describe('advanceAlongPath', () => {
  const lShape: Point[] = [
    { x: 0, y: 0 },
    { x: 10, y: 0 },
    { x: 10, y: 8 },
    { x: 4, y: 8 },
  ];

  it('reaches the goal and stops there', () => {
    const r = run(lShape, { x: 0, y: 0, theta: 0, speed: 0 });
    expect(r.arrived).toBe(true);
    expect(r.motion.x).toBeCloseTo(4, 6);
    expect(r.motion.y).toBeCloseTo(8, 6);
    expect(r.motion.speed).toBe(0);
    // 24 m at 1.5 m/s plus corners and ramps: well under a minute.
    expect(r.steps * dt).toBeLessThan(40);
  });

  it('respects max speed, acceleration and turn rate', () => {
    const r = run(lShape, { x: 0, y: 0, theta: Math.PI, speed: 0 });
    for (const { before, after, omega } of r.trace) {
      expect(after.speed).toBeLessThanOrEqual(DEFAULT_LIMITS.maxSpeed + 1e-9);
      expect(after.speed - before.speed).toBeLessThanOrEqual(DEFAULT_LIMITS.maxAccel * dt + 1e-9);
      const moved = Math.hypot(after.x - before.x, after.y - before.y);
      expect(moved).toBeLessThanOrEqual(DEFAULT_LIMITS.maxSpeed * dt + 1e-9);
      expect(Math.abs(omega)).toBeLessThanOrEqual(DEFAULT_LIMITS.maxTurnRate + 1e-9);
    }
  });

  it('keeps the heading on the direction of travel', () => {
    const r = run(lShape, { x: 0, y: 0, theta: -Math.PI / 2, speed: 0 });
    let movingSteps = 0;
    for (const { before, after } of r.trace) {
      const dx = after.x - before.x;
      const dy = after.y - before.y;
      if (Math.hypot(dx, dy) < 1e-3) continue;
      movingSteps++;
      const travel = Math.atan2(dy, dx);
      expect(Math.abs(wrapAngle(travel - after.theta))).toBeLessThan(0.1);
    }
    expect(movingSteps).toBeGreaterThan(50);
  });

  it('arrives immediately on an empty or already-reached path', () => {
    expect(advanceAlongPath({ x: 1, y: 1, theta: 0, speed: 1 }, [], 0, dt).arrived).toBe(true);
    expect(advanceAlongPath({ x: 1, y: 1, theta: 0, speed: 0 }, [{ x: 1, y: 1 }], 0, dt).arrived).toBe(true);
  });
});
