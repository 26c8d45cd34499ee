'use client';
// The Fleet page: robot list | live 3D view with legend, overlays and the selected robot's panel.
import { useQuery } from '@tanstack/react-query';
import dynamic from 'next/dynamic';
import { useRef } from 'react';
import { useFleetStore } from '@/components/realtime/fleet-store';
import { useTRPC } from '@/components/trpc/trpc-context';
import { StateMessage } from '@/components/ui/StateMessage';
import { useFleetShortcuts } from './use-fleet-shortcuts';
import { RobotList } from './RobotList';
import { RobotPanel } from './RobotPanel';
import { StatusLegend } from './StatusLegend';

// WebGL exists only in the browser.
const FleetScene = dynamic(() => import('@/components/scene').then((m) => m.FleetScene), {
  ssr: false,
  loading: () => <StateMessage title="Loading 3D view…" busy />,
});

function FleetOverlay() {
  const loaded = useFleetStore((s) => s.loaded);
  const empty = useFleetStore((s) => s.ids.length === 0);
  if (!loaded) return <StateMessage title="Connecting to the live fleet…" busy testId="fleet-loading" />;
  if (empty) {
    return (
      <StateMessage title="No robots yet — waiting for the first robot to connect" testId="fleet-empty">
        Robots appear here as soon as they publish on MQTT.
      </StateMessage>
    );
  }
  return null;
}

export function FleetView() {
  const trpc = useTRPC();
  const map = useQuery(trpc.map.get.queryOptions());
  const searchRef = useRef<HTMLInputElement>(null);
  useFleetShortcuts(searchRef);
  return (
    <div className="fleet-layout">
      <RobotList searchRef={searchRef} />
      <section className="scene-area" aria-label="Live 3D warehouse">
        {map.data ? (
          <FleetScene map={map.data} />
        ) : map.error ? (
          <StateMessage title="Could not load the warehouse map">{map.error.message}</StateMessage>
        ) : (
          <StateMessage title="Loading warehouse map…" busy />
        )}
        <div className="scene-overlay">
          <FleetOverlay />
        </div>
        <div className="scene-legend">
          <StatusLegend />
          <p className="muted hint">Drag to orbit · right-drag to pan · scroll to zoom · click a robot to select</p>
        </div>
        <RobotPanel />
      </section>
    </div>
  );
}
