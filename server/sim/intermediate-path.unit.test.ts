// The path ahead a 3.0 robot reports: at most ten nodes of its released route with ETAs that grow from the message's
// time, none when idle, and worked out anew only when the route changes or a second passes (reused in between).
import { describe, expect, it } from 'vitest';
import { makeCtx, modelAt, order, planner, run } from './agv-test-fixtures';
import { IntermediatePathCache, intermediatePath, MAX_PATH_POINTS } from './intermediate-path';
import { receiveOrder } from './order-accept';

const ctx = makeCtx();
const NOW = Date.parse('2026-12-03T08:00:00.000Z');
const iso = new Date(NOW).toISOString();
/** A long route along the front aisle, eastwards from Dock 1's aisle node. */
const LONG = ['n-002', 'n-026', 'n-004', 'n-027', 'conv-a-in', 'n-006', 'n-028', 'n-008', 'n-029', 'conv-b-in', 'n-010', 'n-030', 'n-012'];

describe('intermediatePath', () => {
  it('lists the next released nodes (at most ten) with ETAs after now that grow with distance', () => {
    const m = modelAt('n-002');
    expect(receiveOrder(m, order('o-1', 0, LONG, { released: 12 }), ctx)).toBe('accepted');
    const path = intermediatePath(m, ctx, NOW)!;
    expect(path.polyline).toHaveLength(MAX_PATH_POINTS);
    const first = planner.node('n-026')!;
    expect(path.polyline[0]).toMatchObject({ x: first.x, y: first.y, theta: 0 });
    const etas = path.polyline.map((p) => Date.parse(p.eta));
    expect(etas[0]).toBeGreaterThan(NOW);
    for (let i = 1; i < etas.length; i++) expect(etas[i]).toBeGreaterThan(etas[i - 1]!);
    // n-002 → n-026 is 4.5 m at 1.5 m/s after a quarter turn at 1.2 rad/s: about 4.3 s.
    expect((etas[0]! - NOW) / 1000).toBeCloseTo(4.5 / ctx.config.limits.maxSpeed + Math.PI / 2 / ctx.config.limits.maxTurnRate, 1);
  });

  it('stops at the last released node and is absent when the robot is idle or done', () => {
    const m = modelAt('n-002');
    expect(intermediatePath(m, ctx, NOW)).toBeUndefined();
    receiveOrder(m, order('o-2', 0, LONG.slice(0, 5), { released: 3 }), ctx);
    expect(intermediatePath(m, ctx, NOW)!.polyline.map((p) => p.x)).toEqual([13.5, 18]);
    run(m, ctx, 60);
    expect(m.robot.lastNodeId).toBe('n-004');
    expect(intermediatePath(m, ctx, NOW)).toBeUndefined(); // waiting at the decision point: nothing released ahead
  });

  it('is reused between ticks and worked out anew when a node is passed or a second has gone by', () => {
    const m = modelAt('n-002');
    receiveOrder(m, order('o-4', 0, LONG.slice(0, 4)), ctx);
    const cache = new IntermediatePathCache();
    const a = cache.get(m, ctx, iso);
    run(m, ctx, 0.5);
    expect(cache.get(m, ctx, iso)).toBe(a);
    run(m, ctx, 0.6);
    const b = cache.get(m, ctx, iso);
    expect(b).not.toBe(a);
    expect(b).toEqual(expect.objectContaining({ polyline: expect.any(Array) }));
    run(m, ctx, 30, (x) => x.robot.lastNodeId === 'n-026');
    const c = cache.get(m, ctx, iso)!;
    expect(c.polyline.map((p) => p.x)).toEqual([18, 20.5]);
  });
});
