import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRoutePlanner } from '../domain/route-planner';
import type { WarehouseMap } from '../domain/warehouse-map';
import { createRobotState, isDriving, stepRobot, type BehaviourContext, type RobotState } from './robot-behaviour';
import { DEFAULT_BEHAVIOUR } from './behaviour-config';
import { deriveSeed } from './prng';
import { startPositions } from './start-positions';

const map = JSON.parse(readFileSync(new URL('../../db/seed/warehouse-map.json', import.meta.url), 'utf8')) as WarehouseMap;
const planner = createRoutePlanner(map);
const ctx: BehaviourContext = { planner, config: DEFAULT_BEHAVIOUR };
const dt = 0.1;

function simulate(seed: number, ticks: number, c = ctx, battery = 80): { poses: string[]; final: RobotState } {
  const start = startPositions(map, 1, seed)[0]!;
  let s = createRobotState(deriveSeed(seed, 1), start, battery);
  const poses: string[] = [];
  for (let i = 0; i < ticks; i++) {
    s = stepRobot(s, dt, c).state;
    poses.push(`${s.motion.x.toFixed(4)},${s.motion.y.toFixed(4)},${s.motion.theta.toFixed(4)}`);
  }
  return { poses, final: s };
}

describe('robot behaviour', () => {
  it('replays exactly for a seed and differs for another seed', () => {
    const a = simulate(7, 3000);
    const b = simulate(7, 3000);
    const c = simulate(8, 3000);
    expect(a.poses).toEqual(b.poses);
    expect(a.final).toEqual(b.final);
    expect(c.poses).not.toEqual(a.poses);
    // It actually goes places rather than standing still.
    expect(new Set(a.poses).size).toBeGreaterThan(500);
    expect(a.final.orderCount).toBeGreaterThan(1);
  });

  it('does not mutate the previous state', () => {
    const s0 = createRobotState(1, { x: 0, y: 0, theta: 0, nodeId: map.nodes[0]!.id }, 50);
    const copy = structuredClone(s0);
    stepRobot(s0, dt, ctx);
    expect(s0).toEqual(copy);
  });

  it('drains the battery, drives to a charger, charges to the threshold and goes back to work', () => {
    // Fast battery so a full cycle fits in a few simulated minutes; no incidents to keep it focused.
    const fast: BehaviourContext = {
      planner,
      config: {
        ...DEFAULT_BEHAVIOUR,
        drainDrivingPerMin: 20,
        drainIdlePerMin: 5,
        chargePerMin: 60,
        pausesPerMin: 0,
        warningsPerMin: 0,
        fatalsPerMin: 0,
      },
    };
    const start = startPositions(map, 1, 3)[0]!;
    let s = createRobotState(123, start, 40);
    const chargerNodes = new Set(map.chargers.map((c) => c.nodeId));
    let chargedAt: string | null = null;
    let resumedAfterCharge = false;
    let minBattery = 100;
    for (let i = 0; i < 20 * 60 * 10 && !resumedAfterCharge; i++) {
      const wasCharging = s.charging;
      s = stepRobot(s, dt, fast).state;
      minBattery = Math.min(minBattery, s.battery);
      if (s.charging && !wasCharging) chargedAt = s.lastNodeId;
      if (wasCharging && !s.charging) {
        expect(s.battery).toBeGreaterThanOrEqual(fast.config.chargeUntil);
        resumedAfterCharge = true;
      }
      if (s.charging) expect(isDriving(s)).toBe(false);
    }
    expect(minBattery).toBeLessThan(fast.config.chargeBelow);
    expect(minBattery).toBeGreaterThan(5);
    expect(chargedAt).not.toBeNull();
    expect(chargerNodes.has(chargedAt!)).toBe(true);
    expect(resumedAfterCharge).toBe(true);
  });

  it('raises warnings and fatal errors that clear by themselves, and pauses', () => {
    const eventful: BehaviourContext = { planner, config: { ...DEFAULT_BEHAVIOUR, pausesPerMin: 3, warningsPerMin: 3, fatalsPerMin: 1 } };
    const start = startPositions(map, 1, 5)[0]!;
    let s = createRobotState(99, start, 90);
    const seen = new Set<string>();
    let paused = false;
    for (let i = 0; i < 20 * 60 * 10; i++) {
      s = stepRobot(s, dt, eventful).state;
      for (const e of s.errors) seen.add(`${e.errorLevel}:${e.errorType}`);
      if (s.paused) paused = true;
      if (s.errors.length > 0 || s.paused) expect(isDriving(s)).toBe(false);
    }
    expect(seen).toContain('WARNING:obstacleDetected');
    expect(seen).toContain('FATAL:driveFault');
    expect(paused).toBe(true);
    // Errors never outlive their longest duration.
    const longest = Math.max(...DEFAULT_BEHAVIOUR.fatalSeconds, ...DEFAULT_BEHAVIOUR.warningSeconds);
    for (const e of s.errors) expect(e.clearsInSec).toBeLessThanOrEqual(longest);
  });

  it('reports a change when the robot passes a node or its driving flag flips', () => {
    let s = createRobotState(5, { ...startPositions(map, 1, 1)[0]! }, 80);
    let changes = 0;
    let lastNode = s.lastNodeId;
    for (let i = 0; i < 600; i++) {
      const out = stepRobot(s, dt, ctx);
      if (out.state.lastNodeId !== lastNode) expect(out.changed).toBe(true);
      lastNode = out.state.lastNodeId;
      if (out.changed) changes++;
      s = out.state;
    }
    expect(changes).toBeGreaterThan(2);
    expect(changes).toBeLessThan(300); // not every tick
  });
});
