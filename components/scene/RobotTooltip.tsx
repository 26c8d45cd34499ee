'use client';
// The hovered robot's serial, name and status next to it in the 3D view. Hover comes from the labels' screen
// layout (robotAt), so a robot is found by its label or within HOVER_RADIUS_PX of it; the tooltip follows the
// robot by requestAnimationFrame without rendering React per frame.
import { useEffect, useRef } from 'react';
import { robotStatus } from '@/server/domain/robot';
import { useFleetStore } from '@/components/realtime/fleet-store';
import { screenProjection } from './screen-projection';
import { useSceneHover } from './robot-frame';

export function RobotTooltip() {
  const id = useSceneHover((s) => s.hoveredId);
  const robot = useFleetStore((s) => (id === null ? undefined : s.robots[id]));
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (id === null) return;
    let raf = 0;
    const tick = () => {
      const el = ref.current;
      const p = screenProjection.positionOf(id);
      if (el && p) el.style.transform = `translate(${Math.round(p.x + 14)}px, ${Math.round(p.y + 10)}px)`;
      raf = requestAnimationFrame(tick);
    };
    tick();
    return () => cancelAnimationFrame(raf);
  }, [id]);
  if (id === null || !robot) return null;
  const status = robotStatus(robot);
  const word = status.charAt(0).toUpperCase() + status.slice(1);
  return (
    <div ref={ref} className="robot-tooltip" role="tooltip" data-testid="robot-tooltip" data-robot-id={id}>
      <strong className="mono">{robot.serialNumber}</strong>
      {robot.name && robot.name !== robot.serialNumber ? <span className="muted"> {robot.name}</span> : null}
      <div>
        {word}
        {status === 'offline' || robot.stale
          ? ` · last message ${robot.lastSeenAt === null ? 'never' : `at ${new Date(robot.lastSeenAt).toLocaleTimeString()}`}`
          : ''}
      </div>
    </div>
  );
}
