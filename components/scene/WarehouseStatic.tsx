'use client';
// The site itself: floor and grid, walls, racks, conveyors, dock doors with trailers, chargers and the
// drivable graph. Built once per map; a handful of draw calls in total thanks to instancing. Floor, grid, walls
// and the docks' trailers take the theme's colours; trailers are low translucent footprints so the yard does not
// hide the hall.
import { Grid } from '@react-three/drei';
import { memo, useMemo } from 'react';
import type { WarehouseMap } from '@/server/domain/warehouse-map';
import { StaticBoxes, type SceneBox } from './StaticBoxes';
import { conveyorBelts, dockParts, graphSegments, rackParts, wallBoxes } from './warehouse-layout';
import { mapCentre } from './scene-coords';
import type { SceneTheme } from './scene-theme';
import { useSceneCommit } from './use-scene-commit';

function NodeGraph({ map }: { map: WarehouseMap }) {
  useSceneCommit();
  const positions = useMemo(() => graphSegments(map), [map]);
  if (positions.length === 0) return null;
  return (
    <lineSegments raycast={() => null}>
      <bufferGeometry>
        <bufferAttribute attach="attributes-position" args={[positions, 3]} />
      </bufferGeometry>
      <lineBasicMaterial color="#4f8fbf" transparent opacity={0.28} />
    </lineSegments>
  );
}

function Floor({ map, theme }: { map: WarehouseMap; theme: SceneTheme }) {
  useSceneCommit();
  const [cx, , cz] = mapCentre(map);
  return (
    <group>
      <mesh rotation-x={-Math.PI / 2} position={[cx, -0.01, cz]} raycast={() => null}>
        <planeGeometry args={[map.width, map.depth]} />
        <meshLambertMaterial color={theme.floor} />
      </mesh>
      {/* Yard outside the building, where the trailers stand. */}
      <mesh rotation-x={-Math.PI / 2} position={[cx, -0.03, cz]} raycast={() => null}>
        <planeGeometry args={[map.width + 80, map.depth + 80]} />
        <meshBasicMaterial color={theme.ground} />
      </mesh>
      <Grid
        position={[cx, 0.005, cz]}
        args={[map.width, map.depth]}
        cellSize={1}
        cellThickness={0.5}
        cellColor={theme.gridCell}
        sectionSize={10}
        sectionThickness={1}
        sectionColor={theme.gridSection}
        fadeDistance={Math.max(map.width, map.depth) * 2.5}
        fadeStrength={1}
      />
    </group>
  );
}

export const WarehouseStatic = memo(function WarehouseStatic({ map, theme }: { map: WarehouseMap; theme: SceneTheme }) {
  useSceneCommit();
  const racks = useMemo(() => rackParts(map), [map]);
  const conveyors = useMemo(() => conveyorBelts(map), [map]);
  const docks = useMemo(() => dockParts(map), [map]);
  const walls = useMemo(() => wallBoxes(map), [map]);
  const chargers = useMemo(() => map.chargers.map((c): SceneBox => ({ x: c.x, y: 0.35, z: -c.y, w: 0.4, h: 0.7, d: 0.9 })), [map]);
  const chargerPads = useMemo(() => map.chargers.map((c): SceneBox => ({ x: c.x, y: 0.01, z: -c.y, w: 1.6, h: 0.02, d: 1.6 })), [map]);
  return (
    <group>
      <Floor map={map} theme={theme} />
      <NodeGraph map={map} />
      <StaticBoxes boxes={walls} color={theme.wall} roughness={0.9} />
      <StaticBoxes boxes={racks.uprights} color="#2f6db5" metalness={0.3} roughness={0.5} />
      <StaticBoxes boxes={racks.beams} color="#e0782c" metalness={0.3} roughness={0.5} />
      <StaticBoxes boxes={racks.loads} color="#8a7a5c" roughness={0.9} />
      <StaticBoxes boxes={conveyors.belts} color="#2b2f36" roughness={0.6} />
      <StaticBoxes boxes={conveyors.rails} color="#d8b43a" metalness={0.4} roughness={0.4} />
      <StaticBoxes boxes={docks.doors} color={theme.wall} roughness={0.6} />
      <StaticBoxes boxes={docks.trailers} color={theme.gridSection} roughness={0.9} opacity={0.55} />
      <StaticBoxes boxes={docks.cabs} color={theme.wall} roughness={0.9} opacity={0.55} />
      <StaticBoxes boxes={chargers} color="#1e3b2a" emissive="#2fbf6a" />
      <StaticBoxes boxes={chargerPads} color="#1f5a3a" opacity={0.6} />
    </group>
  );
});
