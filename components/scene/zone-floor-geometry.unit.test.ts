import { describe, expect, it } from 'vitest';
import { ZONE_FILL_Y, zoneFloorBuffers, zoneLook, type ZonePalette } from './zone-floor-geometry';

const square = (x: number, y: number) => [
  { x, y },
  { x: x + 2, y },
  { x: x + 2, y: y + 2 },
  { x, y: y + 2 },
];

describe('zone floor buffers', () => {
  it('triangulates each zone into its own vertex range, in scene coordinates (z = -y)', () => {
    const b = zoneFloorBuffers([{ vertices: square(0, 0) }, { vertices: square(10, 5) }]);
    expect([...b.fillStart]).toEqual([0, 4, 8]);
    expect(b.fillIndex.length).toBe(12);
    expect([...b.triangleZone]).toEqual([0, 0, 1, 1]);
    expect([...b.fill.slice(12, 15)]).toEqual([10, ZONE_FILL_Y, -5].map((v) => Math.fround(v)));
    for (const i of b.fillIndex.slice(6)) expect(i).toBeGreaterThanOrEqual(4);
  });

  it('outlines each polygon with one segment per side, closing it', () => {
    const b = zoneFloorBuffers([{ vertices: square(0, 0) }]);
    expect([...b.lineStart]).toEqual([0, 8]);
    // The last side runs from the fourth corner (0, 2) back to the first (0, 0).
    const last = [...b.line.slice(-6)].map((v) => v + 0);
    expect([last[0], last[2], last[3], last[5]]).toEqual([0, -2, 0, 0]);
  });

  it('ignores a repeated closing vertex and skips polygons with fewer than three corners', () => {
    const closed = [...square(0, 0), { x: 0, y: 0 }];
    const b = zoneFloorBuffers([{ vertices: closed }, { vertices: [{ x: 0, y: 0 }] }]);
    expect([...b.fillStart]).toEqual([0, 4, 4]);
    expect([...b.lineStart]).toEqual([0, 8, 8]);
    expect(b.triangleZone.length).toBe(2);
  });
});

describe('zone look', () => {
  const p: ZonePalette = { release: 'violet', blocked: 'red', other: 'grey', held: 'amber', queued: 'crimson' };
  it('outlines by type and fills by occupancy', () => {
    expect(zoneLook('RELEASE', 'free', p)).toMatchObject({ fill: 'violet', line: 'violet' });
    expect(zoneLook('RELEASE', 'held', p)).toMatchObject({ fill: 'amber', line: 'violet' });
    expect(zoneLook('RELEASE', 'queued', p)).toMatchObject({ fill: 'crimson', line: 'violet' });
    expect(zoneLook('SPEED_LIMIT', 'free', p).line).toBe('grey');
    expect(zoneLook('BLOCKED', 'free', p).line).toBe('red');
    expect(zoneLook('RELEASE', 'queued', p).fillAlpha).toBeGreaterThan(zoneLook('RELEASE', 'free', p).fillAlpha);
  });
});
