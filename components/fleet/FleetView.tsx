'use client';
// The Fleet page: fleet summary and robot list | live 3D view with legend, overlays and the selected robot's panel
// (collapsible), and under it the timeline that replays the fleet's history (components/replay). Column widths
// follow the viewport (fleet.css), so the scene keeps most of a 1024 px screen.
import { useQuery } from '@tanstack/react-query';
import dynamic from 'next/dynamic';
import { useRef, useState } from 'react';
import { useFleetStore } from '@/components/realtime/fleet-store';
import { ReplayBanner, ReplayBar, useReplay, useReplayKeys } from '@/components/replay';
import { useTRPC } from '@/components/trpc/trpc-context';
import { StateMessage } from '@/components/ui/StateMessage';
import { useFleetShortcuts } from './use-fleet-shortcuts';
import { SiteLayoutDownload } from './SiteLayoutDownload';
import { RobotList } from './RobotList';
import { RobotPanel } from './RobotPanel';
import { StatusLegend } from './StatusLegend';
import './fleet.css';

// WebGL exists only in the browser.
const FleetScene = dynamic(() => import('@/components/scene').then((m) => m.FleetScene), {
  ssr: false,
  loading: () => <StateMessage title="Loading 3D view…" busy />,
});

function FleetOverlay() {
  const loaded = useFleetStore((s) => s.loaded);
  const empty = useFleetStore((s) => s.ids.length === 0);
  const replaying = useFleetStore((s) => s.replayAt !== null);
  if (replaying) return empty ? <StateMessage title="No robots at this moment" testId="fleet-empty" /> : null;
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
  const replay = useReplay();
  useReplayKeys(replay.engine);
  const [panelCollapsed, setPanelCollapsed] = useState(false);
  return (
    <div className="fleet-layout">
      <RobotList searchRef={searchRef} />
      <div className="scene-column">
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
            {map.data ? <SiteLayoutDownload map={map.data} /> : null}
          </div>
          <ReplayBanner engine={replay.engine} />
          <RobotPanel collapsed={panelCollapsed} onCollapse={setPanelCollapsed} />
        </section>
        <ReplayBar engine={replay.engine} source={replay.source} />
      </div>
    </div>
  );
}
