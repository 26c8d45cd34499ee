'use client';
// The live 3D warehouse. Subscribes only to the set of robot ids; poses, colours, selection highlight and
// follow are all applied inside useFrame from the stores, so telemetry never renders React.
import { Canvas } from '@react-three/fiber';
import { Profiler } from 'react';
import type { WarehouseMap } from '@/server/domain/warehouse-map';
import { noteSceneCommit } from '@/components/realtime/fleet-debug';
import { useFleetStore } from '@/components/realtime/fleet-store';
import { AlertMarkers } from './AlertMarkers';
import { BoxSelect } from './BoxSelect';
import { CameraRig } from './CameraRig';
import { RobotInstances } from './RobotInstances';
import { SceneProbes } from './SceneProbes';
import { SelectionMarker } from './SelectionMarker';
import { TargetNodes } from './TargetNodes';
import { isSoftwareRenderer } from './gl-capabilities';
import { WarehouseStatic } from './WarehouseStatic';
import { initialTarget, mapCentre } from './scene-coords';
import { useSceneCommit } from './use-scene-commit';

function SceneContent({ map }: { map: WarehouseMap }) {
  useSceneCommit();
  const ids = useFleetStore((s) => s.ids);
  return (
    <>
      <color attach="background" args={['#0a0e13']} />
      <fog attach="fog" args={['#0a0e13', Math.max(map.width, map.depth) * 1.2, Math.max(map.width, map.depth) * 3]} />
      <hemisphereLight args={['#b9d4ff', '#1a1f26', 0.7]} />
      <directionalLight position={[map.width * 0.3, 40, map.depth * 0.2]} intensity={1.4} />
      <ambientLight intensity={0.25} />
      <WarehouseStatic map={map} />
      <RobotInstances ids={ids} map={map} />
      <SelectionMarker />
      <AlertMarkers />
      <TargetNodes map={map} />
      <CameraRig map={map} />
      <SceneProbes />
    </>
  );
}

export default function FleetScene({ map }: { map: WarehouseMap }) {
  const [cx] = mapCentre(map);
  const span = Math.max(map.width, map.depth);
  // Look from the south over the dock doors and trailers, a little past the centre of the hall.
  const [, , tz] = initialTarget(map);
  const software = isSoftwareRenderer();
  return (
    // React's <Profiler> reports only in development/profiling builds; noteSceneCommit de-duplicates it
    // with the commit hook that also works in production.
    <Profiler id="fleet-scene" onRender={noteSceneCommit}>
      <BoxSelect>
        <Canvas
          data-testid="fleet-canvas"
          dpr={software ? 1 : [1, 1.5]}
          camera={{ position: [cx, span * 0.85, tz + span * 0.55], fov: 45, near: 0.5, far: span * 6 }}
          gl={{ antialias: !software, powerPreference: 'high-performance' }}
        >
          <Profiler id="fleet-scene-r3f" onRender={noteSceneCommit}>
            <SceneContent map={map} />
          </Profiler>
        </Canvas>
      </BoxSelect>
    </Profiler>
  );
}
