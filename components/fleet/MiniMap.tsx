'use client';
// A small 2D plan of the site with the robot on it: named racks and docks, the robot's serial beside its marker,
// a scale bar in metres with north up, and a legend. The marker is moved by requestAnimationFrame from the
// transient pose store (no React render per frame), like the 3D view.
import { useEffect, useRef } from 'react';
import type { WarehouseMap } from '@/server/domain/warehouse-map';
import { useFleetStore } from '@/components/realtime/fleet-store';
import { interpolatedPose, poseStore } from '@/components/realtime/pose-store';
import { scaleBarMetres } from './minimap-scale';
import './minimap.css';

const LEGEND = [
  { cls: 'mm-robot', label: 'This robot' },
  { cls: 'mm-rack', label: 'Rack row' },
  { cls: 'mm-conveyor', label: 'Conveyor' },
  { cls: 'mm-dock', label: 'Dock door' },
  { cls: 'mm-charger', label: 'Charger' },
] as const;

export function MiniMap({ map, robotId }: { map: WarehouseMap; robotId: number }) {
  const marker = useRef<SVGGElement>(null);
  const serial = useFleetStore((s) => s.robots[robotId]?.serialNumber ?? `robot ${robotId}`);
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
          // SVG y grows downwards; map y grows north. The label stays upright: only the arrow turns.
          g.setAttribute('transform', `translate(${pose.x} ${map.depth - pose.y})`);
          g.firstElementChild?.nextElementSibling?.setAttribute('transform', `rotate(${(-pose.theta * 180) / Math.PI})`);
        }
      }
      raf = requestAnimationFrame(tick);
    };
    raf = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(raf);
  }, [map.depth, robotId]);

  const fy = (y: number) => map.depth - y;
  const text = Math.max(1.6, Math.min(map.width, map.depth) / 40);
  const bar = scaleBarMetres(map.width);
  const barY = map.depth + 3 + text;
  return (
    <figure className="minimap-figure">
      <svg
        className="minimap"
        viewBox={`-2 -2 ${map.width + 4} ${map.depth + 8 + text * 2}`}
        role="img"
        aria-label={`Site plan, ${map.width} × ${map.depth} m, north up, with ${serial}'s position`}
      >
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
        <g className="mm-labels" fontSize={text}>
          {map.racks.map((r) => (
            <text key={r.id} x={r.box.x} y={fy(r.box.y) + text / 3} textAnchor="middle">
              {r.name}
            </text>
          ))}
          {map.docks.map((d) => (
            <text key={d.id} x={d.x} y={fy(d.y) - 1.6} textAnchor="middle">
              {d.name}
            </text>
          ))}
        </g>
        <g className="mm-scale">
          <line x1={0} y1={barY} x2={bar} y2={barY} />
          <line x1={0} y1={barY - 1} x2={0} y2={barY + 1} />
          <line x1={bar} y1={barY - 1} x2={bar} y2={barY + 1} />
          <text x={bar + 1.5} y={barY + text / 3} fontSize={text}>
            {bar} m · north up
          </text>
        </g>
        <g ref={marker} style={{ display: 'none' }}>
          <circle r={2.2} className="mm-robot-halo" />
          <path d="M 1.6 0 L -1 1 L -0.5 0 L -1 -1 Z" className="mm-robot" />
          <text className="mm-robot-label" x={2.8} y={-2.2} fontSize={text}>
            {serial}
          </text>
        </g>
      </svg>
      <figcaption>
        <ul className="legend minimap-legend" aria-label="Site plan legend">
          {LEGEND.map((l) => (
            <li key={l.cls}>
              <svg className="minimap-swatch" viewBox="0 0 10 10" aria-hidden="true">
                <rect x={1} y={1} width={8} height={8} className={l.cls} />
              </svg>
              {l.label}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
