'use client';
// The site's zones on the floor: translucent polygons with an outline, coloured by type (RELEASE zones stand out)
// and by occupancy (free, held, held with robots waiting). Built once per map from its zone set in two draw calls;
// the zones overview (polled every 2 s) repaints only the colours of zones whose occupancy changed, without
// rendering React. Hovering a zone names it in ZoneTooltip.
import type { ThreeEvent } from '@react-three/fiber';
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { BufferAttribute, BufferGeometry, Color, DoubleSide, LineBasicMaterial, MeshBasicMaterial } from 'three';
import type { WarehouseMap } from '@/server/domain/warehouse-map';
import { siteZoneSet } from '@/server/domain/zones/site-zones';
import { type Occupancy, occupancyOf, useZonesOverviewListener, type ZonesOverview } from '@/components/zones';
import type { SceneTheme } from './scene-theme';
import { useSceneCommit } from './use-scene-commit';
import { type ZonePalette, zoneFloorBuffers, zoneLook } from './zone-floor-geometry';
import { useZoneHover, zonePointer } from './zone-hover';

function paletteOf(theme: SceneTheme): ZonePalette {
  return { release: theme.zoneRelease, blocked: theme.zoneBlocked, other: theme.zoneOther, held: theme.zoneHeld, queued: theme.zoneQueued };
}

/** Writes one RGBA colour into vertices [from, to) of a 4-component colour attribute. */
function fillRange(a: BufferAttribute, from: number, to: number, c: Color, alpha: number): void {
  for (let v = from; v < to; v++) a.setXYZW(v, c.r, c.g, c.b, alpha);
}

export const ZoneFloor = memo(function ZoneFloor({ map, theme }: { map: WarehouseMap; theme: SceneTheme }) {
  useSceneCommit();
  const zones = useMemo(() => siteZoneSet(map).zones, [map]);
  const buffers = useMemo(() => zoneFloorBuffers(zones), [zones]);
  const fillGeometry = useMemo(() => {
    const g = new BufferGeometry();
    g.setAttribute('position', new BufferAttribute(buffers.fill, 3));
    g.setAttribute('color', new BufferAttribute(new Float32Array((buffers.fill.length / 3) * 4), 4));
    g.setIndex(new BufferAttribute(buffers.fillIndex, 1));
    g.computeBoundingSphere();
    return g;
  }, [buffers]);
  const lineGeometry = useMemo(() => {
    const g = new BufferGeometry();
    g.setAttribute('position', new BufferAttribute(buffers.line, 3));
    g.setAttribute('color', new BufferAttribute(new Float32Array((buffers.line.length / 3) * 4), 4));
    g.computeBoundingSphere();
    return g;
  }, [buffers]);
  const fillMaterial = useMemo(
    () => new MeshBasicMaterial({ vertexColors: true, transparent: true, depthWrite: false, side: DoubleSide }),
    [],
  );
  const lineMaterial = useMemo(() => new LineBasicMaterial({ vertexColors: true, transparent: true, depthWrite: false }), []);
  useEffect(
    () => () => {
      fillGeometry.dispose();
      lineGeometry.dispose();
    },
    [fillGeometry, lineGeometry],
  );
  useEffect(
    () => () => {
      fillMaterial.dispose();
      lineMaterial.dispose();
    },
    [fillMaterial, lineMaterial],
  );

  /** Occupancy by zone id as last painted; zones the server did not list are free. */
  const occupancy = useRef(new Map<string, Occupancy>());
  const palette = useMemo(() => paletteOf(theme), [theme]);
  const paint = useCallback(
    (only?: ReadonlySet<number>) => {
      const fill = fillGeometry.getAttribute('color') as BufferAttribute;
      const line = lineGeometry.getAttribute('color') as BufferAttribute;
      const c = new Color();
      zones.forEach((zone, i) => {
        if (only && !only.has(i)) return;
        const look = zoneLook(zone.zoneType, occupancy.current.get(zone.zoneId) ?? 'free', palette);
        fillRange(fill, buffers.fillStart[i]!, buffers.fillStart[i + 1]!, c.set(look.fill), look.fillAlpha);
        fillRange(line, buffers.lineStart[i]!, buffers.lineStart[i + 1]!, c.set(look.line), look.lineAlpha);
      });
      fill.needsUpdate = true;
      line.needsUpdate = true;
    },
    [zones, buffers, fillGeometry, lineGeometry, palette],
  );
  useLayoutEffect(() => paint(), [paint]);

  useZonesOverviewListener((overview: ZonesOverview | undefined) => {
    const next = new Map((overview?.zones ?? []).map((z) => [z.zoneId, occupancyOf(z.status)]));
    const changed = new Set<number>();
    zones.forEach((z, i) => {
      if ((next.get(z.zoneId) ?? 'free') !== (occupancy.current.get(z.zoneId) ?? 'free')) changed.add(i);
    });
    occupancy.current = next;
    if (changed.size > 0) paint(changed);
  });

  const onMove = (ev: ThreeEvent<PointerEvent>) => {
    // No tooltip while dragging the camera (as for robots).
    const i = ev.nativeEvent.buttons || ev.faceIndex == null ? undefined : buffers.triangleZone[ev.faceIndex];
    const id = i === undefined ? null : (zones[i]?.zoneId ?? null);
    zonePointer.x = ev.nativeEvent.clientX;
    zonePointer.y = ev.nativeEvent.clientY;
    if (useZoneHover.getState().zoneId !== id) useZoneHover.setState({ zoneId: id });
  };
  const onOut = () => useZoneHover.setState({ zoneId: null });
  useEffect(() => () => useZoneHover.setState({ zoneId: null }), []);

  if (zones.length === 0) return null;
  return (
    <group>
      <mesh geometry={fillGeometry} material={fillMaterial} renderOrder={1} onPointerMove={onMove} onPointerOut={onOut} />
      <lineSegments geometry={lineGeometry} material={lineMaterial} renderOrder={2} raycast={() => null} />
    </group>
  );
});
