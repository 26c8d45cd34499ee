'use client';
// The hovered zone next to the pointer in the 3D view: its id and type, who holds it (and for how long) and how
// many robots wait. Hidden while a robot is hovered (RobotTooltip wins). Follows the pointer by
// requestAnimationFrame; subscribes to the zones overview only while shown.
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { Zone } from '@/server/domain/zones/zone-types';
import {
  leaseLeftText,
  OCCUPANCY_TEXT,
  occupancyOf,
  useRobotName,
  useServerNow,
  zonesOverviewQuery,
  zoneViewCaveat,
} from '@/components/zones';
import { useTRPC } from '@/components/trpc/trpc-context';
import { useSceneHover } from './robot-frame';
import { useZoneHover, zonePointer } from './zone-hover';

export function ZoneTooltip({ zones }: { zones: readonly Zone[] }) {
  const zoneId = useZoneHover((s) => s.zoneId);
  const robotHovered = useSceneHover((s) => s.hoveredId !== null);
  const zone = zoneId === null ? undefined : zones.find((z) => z.zoneId === zoneId);
  if (!zone || robotHovered) return null;
  return <ZoneTooltipBox zone={zone} />;
}

function ZoneTooltipBox({ zone }: { zone: Zone }) {
  const trpc = useTRPC();
  const q = useQuery({
    ...zonesOverviewQuery(trpc),
    select: (o) => ({ status: o.zones.find((z) => z.zoneId === zone.zoneId)?.status ?? null, caveat: zoneViewCaveat(o.source) }),
  });
  const status = q.data?.status ?? null;
  const caveat = q.data?.caveat ?? null;
  const holder = status?.holder ?? null;
  const holderName = useRobotName(holder?.robotId ?? -1);
  const now = useServerNow(1000);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let raf = 0;
    const tick = () => {
      const el = ref.current;
      const box = el?.parentElement?.getBoundingClientRect();
      if (el && box)
        el.style.transform = `translate(${Math.round(zonePointer.x - box.left + 14)}px, ${Math.round(zonePointer.y - box.top + 10)}px)`;
      raf = requestAnimationFrame(tick);
    };
    tick();
    return () => cancelAnimationFrame(raf);
  }, []);
  return (
    <div ref={ref} className="robot-tooltip zone-tooltip" role="tooltip" data-testid="zone-tooltip" data-zone-id={zone.zoneId}>
      <strong className="mono">{zone.zoneId}</strong> <span className="muted">{zone.zoneType}</span>
      {zone.zoneDescriptor ? <div className="muted">{zone.zoneDescriptor}</div> : null}
      <div>
        {q.isPending
          ? 'Occupancy loading…'
          : q.error
            ? 'Occupancy unknown (no answer from zone traffic control)'
            : holder
              ? `Held by ${holderName}${holder.revoked ? ' (revoked)' : ''} · lease ${leaseLeftText(holder.leaseExpiry, now)}`
              : OCCUPANCY_TEXT[occupancyOf(status)]}
        {status && status.queue.length > 0 ? ` · ${status.queue.length} waiting` : ''}
      </div>
      {caveat ? <div className="warn">{caveat}</div> : null}
    </div>
  );
}
