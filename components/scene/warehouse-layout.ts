// Turns the WarehouseMap into scene boxes and line segments (pure functions, computed once per map).
import type { WarehouseMap } from '@/server/domain/warehouse-map';
import type { SceneBox } from './StaticBoxes';

const UPRIGHT_SPACING = 2.7;

export interface RackParts {
  uprights: SceneBox[];
  beams: SceneBox[];
  loads: SceneBox[];
}

/** Pseudo-random but repeatable in [0,1), so the rack contents look the same on every load. */
function hash01(n: number): number {
  const s = Math.sin(n * 12.9898) * 43758.5453;
  return s - Math.floor(s);
}

export function rackParts(map: WarehouseMap): RackParts {
  const parts: RackParts = { uprights: [], beams: [], loads: [] };
  map.racks.forEach((rack, ri) => {
    const { box, levels } = rack;
    const yaw = box.rotation ?? 0;
    const long = Math.max(box.w, box.d);
    const short = Math.min(box.w, box.d);
    // Local frame: u along the row, v across it; rotate into the scene.
    const alongX = box.w >= box.d;
    const baseYaw = (alongX ? 0 : Math.PI / 2) + yaw;
    const cos = Math.cos(baseYaw);
    const sin = Math.sin(baseYaw);
    const place = (u: number, v: number, y: number, lu: number, h: number, lv: number): SceneBox => ({
      x: box.x + u * cos - v * sin,
      y,
      z: -(box.y + u * sin + v * cos),
      w: lu,
      h,
      d: lv,
      yaw: baseYaw,
    });
    const height = box.h;
    const spacing = height / levels;
    const bays = Math.max(1, Math.round(long / UPRIGHT_SPACING));
    const bay = long / bays;
    for (let b = 0; b <= bays; b++) {
      const u = -long / 2 + b * bay;
      for (const side of [-1, 1]) parts.uprights.push(place(u, (side * short) / 2, height / 2, 0.1, height, 0.1));
    }
    for (let l = 0; l < levels; l++) {
      const y = 0.12 + l * spacing;
      for (const side of [-1, 1]) parts.beams.push(place(0, (side * short) / 2, y, long, 0.1, 0.08));
      for (let b = 0; b < bays; b++) {
        for (let slot = 0; slot < 2; slot++) {
          if (hash01(ri * 1000 + l * 50 + b * 2 + slot) < 0.3) continue;
          const u = -long / 2 + b * bay + bay * (slot === 0 ? 0.27 : 0.73);
          const h = spacing * (0.5 + 0.3 * hash01(ri * 7 + l * 13 + b * 3 + slot));
          parts.loads.push(place(u, 0, y + 0.05 + h / 2, bay * 0.4, h, short * 0.8));
        }
      }
    }
  });
  return parts;
}

export function conveyorBelts(map: WarehouseMap): { belts: SceneBox[]; rails: SceneBox[] } {
  const belts: SceneBox[] = [];
  const rails: SceneBox[] = [];
  for (const c of map.conveyors) {
    for (let i = 0; i + 1 < c.points.length; i++) {
      const a = c.points[i]!;
      const b = c.points[i + 1]!;
      const len = Math.hypot(b.x - a.x, b.y - a.y);
      if (len === 0) continue;
      const yaw = Math.atan2(b.y - a.y, b.x - a.x);
      const mx = (a.x + b.x) / 2;
      const my = (a.y + b.y) / 2;
      belts.push({ x: mx, y: 0.4, z: -my, w: len, h: 0.8, d: c.width, yaw });
      const nx = -Math.sin(yaw) * (c.width / 2);
      const ny = Math.cos(yaw) * (c.width / 2);
      for (const s of [-1, 1]) rails.push({ x: mx + s * nx, y: 0.85, z: -(my + s * ny), w: len, h: 0.1, d: 0.06, yaw });
    }
  }
  return { belts, rails };
}

/** Which way is outside for a dock door: towards the nearest floor edge. */
export function dockOutward(map: WarehouseMap, x: number, y: number): { dx: number; dy: number } {
  const d = [
    { dx: -1, dy: 0, dist: x },
    { dx: 1, dy: 0, dist: map.width - x },
    { dx: 0, dy: -1, dist: y },
    { dx: 0, dy: 1, dist: map.depth - y },
  ].sort((p, q) => p.dist - q.dist)[0]!;
  return { dx: d.dx, dy: d.dy };
}

/** Dock door and trailer heights in metres. */
export const DOCK_DOOR_H = 1.6;
export const TRAILER_H = 0.4;

export function dockParts(map: WarehouseMap): { doors: SceneBox[]; trailers: SceneBox[]; cabs: SceneBox[] } {
  const doors: SceneBox[] = [];
  const trailers: SceneBox[] = [];
  const cabs: SceneBox[] = [];
  for (const dock of map.docks) {
    const { dx, dy } = dockOutward(map, dock.x, dock.y);
    const yaw = Math.atan2(dy, dx);
    // Door frame on the wall line, no higher than the cut-away walls.
    const wx = dx === 0 ? dock.x : dx < 0 ? 0 : map.width;
    const wy = dy === 0 ? dock.y : dy < 0 ? 0 : map.depth;
    doors.push({ x: wx, y: DOCK_DOOR_H / 2, z: -wy, w: 0.5, h: DOCK_DOOR_H, d: 3.4, yaw });
    if (!dock.trailer) continue;
    // Trailers and cabs as low footprints: full size on the plan, but they no longer wall off the view.
    const tl = 13.6;
    trailers.push({ x: wx + dx * (tl / 2 + 0.3), y: TRAILER_H / 2, z: -(wy + dy * (tl / 2 + 0.3)), w: tl, h: TRAILER_H, d: 2.5, yaw });
    cabs.push({ x: wx + dx * (tl + 2), y: TRAILER_H, z: -(wy + dy * (tl + 2)), w: 2.4, h: TRAILER_H * 2, d: 2.4, yaw });
  }
  return { doors, trailers, cabs };
}

/** Walls are cut away to this height so the camera sees over them into the hall ("dollhouse" view). */
export const WALL_CUTAWAY_M = 2.4;

export function wallBoxes(map: WarehouseMap): SceneBox[] {
  return map.walls.map((w) => {
    const h = Math.min(w.h, WALL_CUTAWAY_M);
    return { x: w.x, y: h / 2, z: -w.y, w: w.w, h, d: w.d, yaw: w.rotation ?? 0 };
  });
}

/** Flat [x,y,z, x,y,z, ...] for the drivable graph's edges, a little above the floor. */
export function graphSegments(map: WarehouseMap): Float32Array {
  const byId = new Map(map.nodes.map((n) => [n.id, n]));
  const out: number[] = [];
  for (const e of map.edges) {
    const a = byId.get(e.from);
    const b = byId.get(e.to);
    if (!a || !b) continue;
    out.push(a.x, 0.02, -a.y, b.x, 0.02, -b.y);
  }
  return new Float32Array(out);
}
