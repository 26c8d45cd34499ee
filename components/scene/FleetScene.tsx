'use client';
// The live 3D warehouse. Subscribes only to the set of robot ids (and the theme's colours); poses, colours, labels,
// selection highlight, planned paths and follow are all applied inside useFrame from the stores, and the zones'
// occupancy repaints their colours directly, so neither telemetry nor zone polling renders React.
import { Canvas } from '@react-three/fiber';
import { Profiler, type PointerEvent, useMemo } from 'react';
import type { WarehouseMap } from '@/server/domain/warehouse-map';
import { siteZoneSet } from '@/server/domain/zones/site-zones';
import { noteSceneCommit } from '@/components/realtime/fleet-debug';
import { useFleetStore } from '@/components/realtime/fleet-store';
import { AlertMarkers } from './AlertMarkers';
import { BoxSelect } from './BoxSelect';
import { CameraPresets } from './CameraPresets';
import { CameraRig } from './CameraRig';
import { isSoftwareRenderer } from './gl-capabilities';
import { robotAt } from './label-layout';
import { LABEL_METRICS } from './label-metrics';
import { PathEtaLabels } from './PathEtaLabels';
import { PlannedPaths } from './PlannedPaths';
import { capacityFor, robotFrame, useSceneHover } from './robot-frame';
import { RobotInstances } from './RobotInstances';
import { RobotLabels } from './RobotLabels';
import { RobotTooltip } from './RobotTooltip';
import { SceneProbes } from './SceneProbes';
import { type SceneTheme, useSceneTheme } from './scene-theme';
import { SelectionMarker } from './SelectionMarker';
import { TargetNodes } from './TargetNodes';
import { silenceR3fClockDeprecation } from './three-console';
import { useSceneCommit } from './use-scene-commit';
import { WarehouseStatic } from './WarehouseStatic';
import { ZoneFloor } from './ZoneFloor';
import { ZoneTooltip } from './ZoneTooltip';
import './scene.css';

silenceR3fClockDeprecation();

/** How close to a robot (CSS px) the pointer must be to show its tooltip, when not over its label. */
const HOVER_RADIUS_PX = 14;

function SceneContent({ map, theme }: { map: WarehouseMap; theme: SceneTheme }) {
  useSceneCommit();
  const ids = useFleetStore((s) => s.ids);
  const span = Math.max(map.width, map.depth);
  return (
    <>
      <color attach="background" args={[theme.background]} />
      <fog attach="fog" args={[theme.background, span * 1.2, span * 3]} />
      <hemisphereLight args={[theme.sky, theme.skyGround, 0.7]} />
      <directionalLight position={[map.width * 0.3, 40, map.depth * 0.2]} intensity={1.4} />
      <ambientLight intensity={theme.dark ? 0.25 : 0.6} />
      <WarehouseStatic map={map} theme={theme} />
      <ZoneFloor map={map} theme={theme} />
      <RobotInstances ids={ids} map={map} theme={theme} />
      <RobotLabels ids={ids} capacity={capacityFor(ids.length)} theme={theme} />
      <SelectionMarker colour={theme.selection} />
      <PlannedPaths colour={theme.route} />
      <AlertMarkers />
      <TargetNodes map={map} />
      <CameraRig map={map} />
      <SceneProbes />
    </>
  );
}

function hover(e: PointerEvent<HTMLDivElement>) {
  const r = e.currentTarget.getBoundingClientRect();
  const i = e.buttons ? -1 : robotAt(robotFrame, robotFrame.shown, LABEL_METRICS, e.clientX - r.left, e.clientY - r.top, HOVER_RADIUS_PX);
  const id = i < 0 ? null : (robotFrame.ids[i] ?? null);
  if (useSceneHover.getState().hoveredId !== id) useSceneHover.setState({ hoveredId: id });
}

const leave = () => useSceneHover.setState({ hoveredId: null });

export default function FleetScene({ map }: { map: WarehouseMap }) {
  const theme = useSceneTheme();
  const software = isSoftwareRenderer();
  const zones = useMemo(() => siteZoneSet(map).zones, [map]);
  return (
    // React's <Profiler> reports only in development/profiling builds; noteSceneCommit de-duplicates it
    // with the commit hook that also works in production.
    <Profiler id="fleet-scene" onRender={noteSceneCommit}>
      <div className="fleet-scene" onPointerMove={hover} onPointerLeave={leave}>
        <BoxSelect>
          <Canvas
            data-testid="fleet-canvas"
            dpr={software ? 1 : [1, 1.5]}
            gl={{ antialias: !software, powerPreference: 'high-performance' }}
          >
            <Profiler id="fleet-scene-r3f" onRender={noteSceneCommit}>
              <SceneContent map={map} theme={theme} />
            </Profiler>
          </Canvas>
        </BoxSelect>
        <PathEtaLabels />
        <ZoneTooltip zones={zones} />
        <RobotTooltip />
        <CameraPresets />
      </div>
    </Profiler>
  );
}
