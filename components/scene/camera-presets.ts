// Camera presets, as pure functions of the map and the canvas: "overview" frames the working floor from the
// south at an angle, "top-down" is a 2D plan (orthographic camera looking straight down, north up), and "follow"
// glides to the selected robot and zooms in to FOLLOW_DISTANCE_M.
import type { WarehouseMap } from '@/server/domain/warehouse-map';

export type CameraView = 'overview' | 'top' | 'follow';
export type Projection = 'perspective' | 'orthographic';

export const CAMERA_VIEWS: readonly { view: CameraView; label: string; key: string }[] = [
  { view: 'overview', label: 'Overview', key: '1' },
  { view: 'top', label: 'Top-down 2D', key: '2' },
  { view: 'follow', label: 'Follow selected', key: '3' },
];

/** The preset a key chooses (the keys shown on the buttons), null for any other key. */
export function viewForKey(key: string): CameraView | null {
  return CAMERA_VIEWS.find((v) => v.key === key)?.view ?? null;
}

export const FOV_DEG = 45;
/** Angle of the overview camera above the floor. */
const OVERVIEW_ELEVATION_DEG = 50;
/** Free space around the floor in a framed view (1 = edge to edge). */
const FRAME_MARGIN = 1.08;
/** Distance from the followed robot to the perspective camera, in metres. */
export const FOLLOW_DISTANCE_M = 18;
/** Orthographic zoom (CSS px per metre) when following in the top-down view. */
export const FOLLOW_ZOOM_PX_PER_M = 24;
/** Height of the top-down camera above the floor, in metres (its view does not depend on it). */
export const TOP_DOWN_HEIGHT_M = 120;

type Vec3 = [number, number, number];

export interface CameraPose {
  position: Vec3;
  target: Vec3;
}

/** Scene point at the centre of the floor. */
export function floorCentre(map: Pick<WarehouseMap, 'width' | 'depth'>): Vec3 {
  return [map.width / 2, 0, -map.depth / 2];
}

/**
 * Perspective camera south of the floor, looking at its centre from OVERVIEW_ELEVATION_DEG up, as close as it can be
 * with all four floor corners on screen (with FRAME_MARGIN to spare): found by bisection on the distance.
 */
export function overviewPose(map: Pick<WarehouseMap, 'width' | 'depth'>, aspect: number, fovDeg = FOV_DEG): CameraPose {
  const target = floorCentre(map);
  const el = (OVERVIEW_ELEVATION_DEG * Math.PI) / 180;
  const tanV = Math.tan((fovDeg * Math.PI) / 360);
  const tanH = tanV * Math.max(0.1, aspect);
  const corners = [
    [0, 0],
    [map.width, 0],
    [0, map.depth],
    [map.width, map.depth],
  ].map(([x, y]) => [x! - target[0], -y! - target[2]] as const);
  // Camera basis for a camera south of the target looking north and down by `el` (no roll).
  const fits = (distance: number) =>
    corners.every(([dx, dz]) => {
      // Offset from the camera (dx, oy, oz), camera h = d·sin(el) up and s = d·cos(el) south of the target;
      // forward is (0, -sin el, -cos el), up (0, cos el, -sin el).
      const oy = -distance * Math.sin(el);
      const oz = dz - distance * Math.cos(el);
      const depth = oz * -Math.cos(el) - oy * Math.sin(el);
      const up = oy * Math.cos(el) - oz * Math.sin(el);
      return depth > 0 && Math.abs(dx / depth) * FRAME_MARGIN <= tanH && Math.abs(up / depth) * FRAME_MARGIN <= tanV;
    });
  let lo = 1;
  let hi = Math.max(map.width, map.depth) * 10;
  for (let i = 0; i < 40; i++) {
    const mid = (lo + hi) / 2;
    if (fits(mid)) hi = mid;
    else lo = mid;
  }
  return { position: [target[0], hi * Math.sin(el), target[2] + hi * Math.cos(el)], target };
}

/** Orthographic zoom (CSS px per metre) that fits the whole floor in a width × height canvas. */
export function topDownZoom(map: Pick<WarehouseMap, 'width' | 'depth'>, width: number, height: number): number {
  return Math.min(width / map.width, height / map.depth) / FRAME_MARGIN;
}

/** Straight down onto the floor's centre; the tiny southward offset keeps north at the top of the screen. */
export function topDownPose(map: Pick<WarehouseMap, 'width' | 'depth'>): CameraPose {
  const target = floorCentre(map);
  return { position: [target[0], TOP_DOWN_HEIGHT_M, target[2] + 0.001], target };
}

/**
 * One step of the follow zoom: the camera's offset from the target shrinks towards FOLLOW_DISTANCE_M by the
 * fraction k (0–1) of what is left; an offset already shorter stays as it is (the user zoomed in further).
 */
export function followOffset(offset: Vec3, k: number, distance = FOLLOW_DISTANCE_M): Vec3 {
  const len = Math.hypot(...offset);
  if (len <= distance || len === 0) return offset;
  const next = len + (distance - len) * k;
  return offset.map((c) => (c * next) / len) as Vec3;
}

/** One step of the orthographic follow zoom towards FOLLOW_ZOOM_PX_PER_M (never zooms out). */
export function followZoom(zoom: number, k: number, target = FOLLOW_ZOOM_PX_PER_M): number {
  return zoom >= target ? zoom : zoom + (target - zoom) * k;
}
