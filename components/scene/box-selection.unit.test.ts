import { describe, expect, it } from 'vitest';
import { isDrag, nearestRobot, rectFrom, robotsInRect } from './box-selection';

const at: Record<number, { x: number; y: number } | null> = { 1: { x: 10, y: 10 }, 2: { x: 50, y: 40 }, 3: { x: 200, y: 10 }, 4: null };
const positionOf = (id: number) => at[id] ?? null;

describe('box selection', () => {
  it('normalises a rectangle dragged in any direction', () => {
    expect(rectFrom({ x: 60, y: 50 }, { x: 0, y: 5 })).toEqual({ left: 0, top: 5, right: 60, bottom: 50 });
  });

  it('selects robots whose projected position lies inside, skipping robots off screen', () => {
    expect(robotsInRect([1, 2, 3, 4], positionOf, rectFrom({ x: 0, y: 0 }, { x: 60, y: 50 }))).toEqual([1, 2]);
    expect(robotsInRect([1, 2, 3, 4], positionOf, rectFrom({ x: 100, y: 100 }, { x: 120, y: 120 }))).toEqual([]);
  });

  it('treats small movements as a click', () => {
    expect(isDrag({ x: 0, y: 0 }, { x: 3, y: 3 })).toBe(false);
    expect(isDrag({ x: 0, y: 0 }, { x: 6, y: 0 })).toBe(true);
  });

  it('finds the nearest robot within the click radius', () => {
    expect(nearestRobot([1, 2, 3, 4], positionOf, { x: 45, y: 38 })).toBe(2);
    expect(nearestRobot([1, 2, 3, 4], positionOf, { x: 120, y: 120 })).toBeNull();
  });
});
