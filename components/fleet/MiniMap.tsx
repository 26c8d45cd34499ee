'use client';
// A small 2D plan of the site with the robot on it. The marker is moved by requestAnimationFrame from
// the transient pose store (no React render per frame), like the 3D view.
import { useEffect, useRef } from 'react';
import type { WarehouseMap } from '@/server/domain/warehouse-map';
import { interpolatedPose, poseStore } from '@/components/realtime/pose-store';

export function MiniMap({ map, robotId }: { map: WarehouseMap; robotId: number }) {
  const marker = useRef<SVGGElement>(null);
  useEffect(() => {
    const pose = { x: 0, y: 0, theta: 0 };
    let raf = 0;
    const tick = () => {
      const e = poseStore.entries.get(robotId);
      const g = marker.current;
      if (g) {
        g.style.display = e?.hasPose ? '' : 'none';
        if (e?.hasPose) {
          interpolatedPose(e, performance.now(), pose);
          // SVG y grows downwards; map y grows north.
          g.setAttribute('transform', `translate(${pose.x} ${map.depth - pose.y}) rotate(${(-pose.theta * 180) / Math.PI})`);
        }
      }
      raf = requestAnimationFrame(tick);
    };
    raf = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(raf);
  }, [map.depth, robotId]);

  const fy = (y: number) => map.depth - y;
  return (
    <svg className="minimap" viewBox={`-2 -2 ${map.width + 4} ${map.depth + 4}`} role="img" aria-label="Robot position on the site plan">
      <rect x={0} y={0} width={map.width} height={map.depth} className="mm-floor" />
      {map.racks.map((r) => (
        <rect
          key={r.id}
          className="mm-rack"
          x={r.box.x - r.box.w / 2}
          y={fy(r.box.y) - r.box.d / 2}
          width={r.box.w}
          height={r.box.d}
          transform={r.box.rotation ? `rotate(${(-r.box.rotation * 180) / Math.PI} ${r.box.x} ${fy(r.box.y)})` : undefined}
        />
      ))}
      {map.conveyors.map((c) => (
        <polyline key={c.id} className="mm-conveyor" strokeWidth={c.width} points={c.points.map((p) => `${p.x},${fy(p.y)}`).join(' ')} />
      ))}
      {map.docks.map((d) => (
        <circle key={d.id} className="mm-dock" cx={d.x} cy={fy(d.y)} r={1} />
      ))}
      {map.chargers.map((c) => (
        <circle key={c.id} className="mm-charger" cx={c.x} cy={fy(c.y)} r={0.8} />
      ))}
      <g ref={marker} style={{ display: 'none' }}>
        <circle r={2.2} className="mm-robot-halo" />
        <path d="M 1.6 0 L -1 1 L -0.5 0 L -1 -1 Z" className="mm-robot" />
      </g>
    </svg>
  );
}
