// The zones' floor polygons as buffers for two draw calls in total: one mesh of triangles (every zone's fill) and
// one set of line segments (every zone's outline), each vertex knowing its zone so colours change per zone without
// rebuilding anything. Also the colour of a zone from its type and occupancy. Pure (three's triangulation only).
import { ShapeUtils, Vector2 } from 'three';
import type { Zone, ZoneType } from '@/server/domain/zones/zone-types';
import type { Occupancy } from '@/components/zones';

/** Heights above the floor (grid at 0.005, charger pads at 0.01-0.02): the fill just above, the outline above it. */
export const ZONE_FILL_Y = 0.014;
export const ZONE_LINE_Y = 0.024;

export interface ZoneFloorBuffers {
  /** Fill vertices, xyz in scene coordinates; zone i owns vertices fillStart[i] … fillStart[i+1]-1. */
  fill: Float32Array;
  fillIndex: Uint32Array;
  fillStart: Uint32Array;
  /** The zone of each fill triangle (for picking: a raycast's faceIndex). */
  triangleZone: Uint32Array;
  /** Outline segments, xyz pairs; zone i owns vertices lineStart[i] … lineStart[i+1]-1. */
  line: Float32Array;
  lineStart: Uint32Array;
}

/** The polygon without a repeated closing vertex. */
function openRing(vertices: Zone['vertices']): Zone['vertices'] {
  const first = vertices[0];
  const last = vertices[vertices.length - 1];
  return vertices.length > 1 && first && last && first.x === last.x && first.y === last.y ? vertices.slice(0, -1) : vertices;
}

export function zoneFloorBuffers(zones: readonly Pick<Zone, 'vertices'>[]): ZoneFloorBuffers {
  const fill: number[] = [];
  const index: number[] = [];
  const triangleZone: number[] = [];
  const line: number[] = [];
  const fillStart = new Uint32Array(zones.length + 1);
  const lineStart = new Uint32Array(zones.length + 1);
  zones.forEach((zone, z) => {
    const ring = openRing(zone.vertices);
    const base = fill.length / 3;
    if (ring.length >= 3) {
      for (const v of ring) fill.push(v.x, ZONE_FILL_Y, -v.y);
      const triangles = ShapeUtils.triangulateShape(
        ring.map((v) => new Vector2(v.x, v.y)),
        [],
      );
      for (const [a, b, c] of triangles) {
        index.push(base + a!, base + b!, base + c!);
        triangleZone.push(z);
      }
      ring.forEach((v, i) => {
        const w = ring[(i + 1) % ring.length]!;
        line.push(v.x, ZONE_LINE_Y, -v.y, w.x, ZONE_LINE_Y, -w.y);
      });
    }
    fillStart[z + 1] = fill.length / 3;
    lineStart[z + 1] = line.length / 3;
  });
  return {
    fill: new Float32Array(fill),
    fillIndex: new Uint32Array(index),
    fillStart,
    triangleZone: new Uint32Array(triangleZone),
    line: new Float32Array(line),
    lineStart,
  };
}

/** The theme's zone colours (CSS colour strings, see scene-theme.ts). */
export interface ZonePalette {
  release: string;
  blocked: string;
  other: string;
  held: string;
  queued: string;
}

export interface ZoneLook {
  fill: string;
  fillAlpha: number;
  line: string;
  lineAlpha: number;
}

/** The type's colour: RELEASE zones (the ones robots ask for) stand out, BLOCKED ones warn, the rest are quiet. */
export function typeColour(type: ZoneType, p: ZonePalette): string {
  return type === 'RELEASE' ? p.release : type === 'BLOCKED' ? p.blocked : p.other;
}

/**
 * Outline in the type's colour; the fill shows occupancy: faint type colour when free (also while the server has not
 * answered), amber when held, red when robots wait for it.
 */
export function zoneLook(type: ZoneType, occupancy: Occupancy, p: ZonePalette): ZoneLook {
  const line = typeColour(type, p);
  if (occupancy === 'held') return { fill: p.held, fillAlpha: 0.32, line, lineAlpha: 0.95 };
  if (occupancy === 'queued') return { fill: p.queued, fillAlpha: 0.4, line, lineAlpha: 0.95 };
  return { fill: line, fillAlpha: 0.12, line, lineAlpha: 0.7 };
}
