// Screen-space selection math for the 3D view: a rubber band from two pointer positions, the robots whose
// projected position falls inside it, and the robot nearest a click (pure; positions in CSS pixels).
export interface Point {
  x: number;
  y: number;
}

export interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Below this many pixels of movement a shift-press is a click, not a drag. */
export const DRAG_THRESHOLD_PX = 5;
/** A shift-click picks the nearest robot within this distance of the pointer. */
export const CLICK_RADIUS_PX = 24;

export function rectFrom(a: Point, b: Point): Rect {
  return { left: Math.min(a.x, b.x), top: Math.min(a.y, b.y), right: Math.max(a.x, b.x), bottom: Math.max(a.y, b.y) };
}

export function isDrag(a: Point, b: Point): boolean {
  return Math.hypot(b.x - a.x, b.y - a.y) >= DRAG_THRESHOLD_PX;
}

export function robotsInRect(ids: readonly number[], positionOf: (id: number) => Point | null, r: Rect): number[] {
  const out: number[] = [];
  for (const id of ids) {
    const p = positionOf(id);
    if (p && p.x >= r.left && p.x <= r.right && p.y >= r.top && p.y <= r.bottom) out.push(id);
  }
  return out;
}

export function nearestRobot(
  ids: readonly number[],
  positionOf: (id: number) => Point | null,
  at: Point,
  maxPx = CLICK_RADIUS_PX,
): number | null {
  let best: number | null = null;
  let bestD = maxPx;
  for (const id of ids) {
    const p = positionOf(id);
    if (!p) continue;
    const d = Math.hypot(p.x - at.x, p.y - at.y);
    if (d <= bestD) {
      best = id;
      bestD = d;
    }
  }
  return best;
}
