import { describe, expect, it } from 'vitest';
import {
  FOLLOW_DISTANCE_M,
  FOLLOW_ZOOM_PX_PER_M,
  FOV_DEG,
  followOffset,
  followZoom,
  overviewPose,
  topDownPose,
  topDownZoom,
  viewForKey,
} from './camera-presets';

const map = { width: 120, depth: 80 };

/** Projects a floor point with a perspective camera looking from `position` at `target`; returns NDC x, y. */
function project(position: number[], target: number[], aspect: number, p: number[]): [number, number] {
  const sub = (a: number[], b: number[]) => a.map((v, i) => v - b[i]!);
  const norm = (a: number[]) => a.map((v) => v / Math.hypot(...a));
  const cross = (a: number[], b: number[]) => [a[1]! * b[2]! - a[2]! * b[1]!, a[2]! * b[0]! - a[0]! * b[2]!, a[0]! * b[1]! - a[1]! * b[0]!];
  const dot = (a: number[], b: number[]) => a.reduce((s, v, i) => s + v * b[i]!, 0);
  const fwd = norm(sub(target, position));
  const right = norm(cross(fwd, [0, 1, 0]));
  const up = cross(right, fwd);
  const d = sub(p, position);
  const t = Math.tan((FOV_DEG * Math.PI) / 360);
  return [dot(d, right) / dot(d, fwd) / (t * aspect), dot(d, up) / dot(d, fwd) / t];
}

describe('camera presets', () => {
  it('the overview frames the whole working floor, looking at its centre from the south', () => {
    for (const aspect of [16 / 9, 4 / 3, 1]) {
      const { position, target } = overviewPose(map, aspect);
      expect(target).toEqual([60, 0, -40]);
      expect(position[2]).toBeGreaterThan(target[2]); // south of the centre (VDA y grows north, to -z)
      for (const [x, y] of [
        [0, 0],
        [120, 0],
        [0, 80],
        [120, 80],
      ]) {
        const [nx, ny] = project(position, target, aspect, [x!, 0, -y!]);
        expect(Math.abs(nx)).toBeLessThanOrEqual(1);
        expect(Math.abs(ny)).toBeLessThanOrEqual(1);
      }
      // …and not from far away: some corner uses most of the screen.
      const corners = [
        [0, 0],
        [120, 0],
        [0, 80],
        [120, 80],
      ].map(([x, y]) => project(position, target, aspect, [x!, 0, -y!]));
      expect(Math.max(...corners.flatMap(([a, b]) => [Math.abs(a), Math.abs(b)]))).toBeGreaterThan(0.75);
    }
  });

  it('the top-down view looks straight down on the centre and fits the floor on screen', () => {
    const { position, target } = topDownPose(map);
    expect(position[0]).toBe(target[0]);
    expect(position[1]).toBeGreaterThan(50);
    const zoom = topDownZoom(map, 1280, 720);
    expect(map.width * zoom).toBeLessThanOrEqual(1280);
    expect(map.depth * zoom).toBeLessThanOrEqual(720);
    expect(map.depth * zoom).toBeGreaterThan(600);
  });

  it('follow zooms in towards the follow distance, and never out', () => {
    let o: [number, number, number] = [0, 60, 80];
    for (let i = 0; i < 200; i++) o = followOffset(o, 0.1);
    expect(Math.hypot(...o)).toBeCloseTo(FOLLOW_DISTANCE_M, 1);
    expect(o[1] / o[2]).toBeCloseTo(60 / 80); // same viewing angle
    expect(followOffset([0, 3, 4], 0.5)).toEqual([0, 3, 4]);
    expect(followZoom(5, 1)).toBe(FOLLOW_ZOOM_PX_PER_M);
    expect(followZoom(50, 1)).toBe(50);
  });

  it('keys 1, 2 and 3 choose overview, top-down and follow', () => {
    expect(['1', '2', '3', 'x'].map(viewForKey)).toEqual(['overview', 'top', 'follow', null]);
  });
});
