// Map (VDA 5050) to three.js coordinates: VDA x → three x, VDA y → three -z, y is up, so the scene stays
// right-handed; a VDA heading theta is a rotation of theta about three's y axis.
import type { WarehouseMap } from '@/server/domain/warehouse-map';

export function toSceneX(x: number): number {
  return x;
}

export function toSceneZ(y: number): number {
  return -y;
}

export function mapCentre(map: Pick<WarehouseMap, 'width' | 'depth'>): [number, number, number] {
  return [map.width / 2, 0, -map.depth / 2];
}

export function mapRadius(map: Pick<WarehouseMap, 'width' | 'depth'>): number {
  return Math.hypot(map.width, map.depth) / 2;
}

/** Where the camera looks first: the hall's centre, nudged south towards the dock doors. */
export function initialTarget(map: Pick<WarehouseMap, 'width' | 'depth'>): [number, number, number] {
  return [map.width / 2, 0, -map.depth * 0.38];
}
