'use client';
// The fleet as instanced meshes. Matrices and colours are written in useFrame from the transient pose store;
// React renders this component only when the set of robot ids or the theme changes. Offline robots move to a
// second, translucent mesh inside a dashed ring, so they stand out from the floor in either theme without relying
// on colour alone. Where each robot is drawn goes to robotFrame for the labels and hover.
import { useFrame, type ThreeEvent } from '@react-three/fiber';
import { useLayoutEffect, useMemo, useRef } from 'react';
import {
  Color,
  InstancedBufferAttribute,
  type InstancedMesh,
  Matrix4,
  MeshBasicMaterial,
  MeshStandardMaterial,
  Sphere,
  Vector3,
} from 'three';
import { STALE_AFTER_MS, type RobotStatus } from '@/server/domain/robot';
import type { WarehouseMap } from '@/server/domain/warehouse-map';
import { fleetDebug } from '@/components/realtime/fleet-debug';
import { useFleetStore } from '@/components/realtime/fleet-store';
import { interpolatedPose, poseStore, serverNow } from '@/components/realtime/pose-store';
import { useCommandFlow } from '@/components/commands';
import { createDashedRingGeometry, createRobotGeometry } from './robot-geometry';
import { capacityFor, FLAG_FAULT, FLAG_OFFLINE, robotFrame, setFrameRobots } from './robot-frame';
import { mapCentre, mapRadius } from './scene-coords';
import type { SceneTheme } from './scene-theme';
import { selectedSet } from './selection-set';
import { useSceneCommit } from './use-scene-commit';

const hidden = new Matrix4().makeScale(0, 0, 0);
/** How far a stale robot's colour fades towards the offline grey. */
const STALE_FADE = 0.6;

function siteBounds(map: WarehouseMap): Sphere {
  // Robots move, so bounds computed once from the first matrices would make picking and frustum culling miss
  // them: cover the whole site instead.
  const [cx, cy, cz] = mapCentre(map);
  return new Sphere(new Vector3(cx, cy, cz), mapRadius(map) + 20);
}

export function RobotInstances({ ids, map, theme }: { ids: number[]; map: WarehouseMap; theme: SceneTheme }) {
  useSceneCommit();
  const ref = useRef<InstancedMesh>(null);
  const ghostRef = useRef<InstancedMesh>(null);
  const ringRef = useRef<InstancedMesh>(null);
  const geometry = useMemo(createRobotGeometry, []);
  const ringGeometry = useMemo(() => createDashedRingGeometry(), []);
  const material = useMemo(() => new MeshStandardMaterial({ vertexColors: true, roughness: 0.55, metalness: 0.1 }), []);
  const ghostMaterial = useMemo(
    () => new MeshStandardMaterial({ vertexColors: true, transparent: true, opacity: 0.45, depthWrite: false, roughness: 0.8 }),
    [],
  );
  const ringMaterial = useMemo(() => new MeshBasicMaterial({ transparent: true, opacity: 0.95, depthWrite: false }), []);
  const capacity = capacityFor(ids.length);
  const scratch = useMemo(() => ({ pose: { x: 0, y: 0, theta: 0 }, m: new Matrix4(), c: new Color() }), []);
  const colours = useMemo(
    () => ({
      status: Object.fromEntries(Object.entries(theme.status).map(([s, v]) => [s, new Color(v)])) as Record<RobotStatus, Color>,
      stale: new Color(theme.stale),
      selection: new Color(theme.selection),
    }),
    [theme],
  );

  useLayoutEffect(() => {
    ghostMaterial.color.set(theme.offline);
    ringMaterial.color.set(theme.offline);
  }, [theme, ghostMaterial, ringMaterial]);

  useLayoutEffect(() => {
    setFrameRobots(ids, capacity);
    const mesh = ref.current;
    if (!mesh) return;
    mesh.instanceColor = new InstancedBufferAttribute(new Float32Array(capacity * 3), 3);
    mesh.boundingSphere = siteBounds(map);
    for (const other of [ghostRef.current, ringRef.current]) if (other) other.boundingSphere = siteBounds(map);
  }, [ids, capacity, map]);

  useFrame(({ clock }) => {
    const mesh = ref.current;
    const ghosts = ghostRef.current;
    const rings = ringRef.current;
    if (!mesh || !ghosts || !rings) return;
    const t0 = performance.now();
    const sNow = serverNow();
    const selected = selectedSet();
    const pulse = 0.25 + 0.2 * Math.sin(clock.elapsedTime * 6);
    const { pose, m, c } = scratch;
    const f = robotFrame;
    let shown = 0;
    let offline = 0;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      const e = poseStore.entries.get(id);
      if (!e?.hasPose) {
        mesh.setMatrixAt(i, hidden);
        f.drawn[i] = 0;
        continue;
      }
      interpolatedPose(e, t0, pose);
      m.makeRotationY(pose.theta);
      m.setPosition(pose.x, 0, -pose.y);
      f.drawn[i] = 1;
      f.x[i] = pose.x;
      f.z[i] = -pose.y;
      f.flags[i] = (e.status === 'offline' ? FLAG_OFFLINE : 0) | (e.status === 'error' ? FLAG_FAULT : 0);
      shown++;
      if (e.status === 'offline') {
        mesh.setMatrixAt(i, hidden);
        ghosts.setMatrixAt(offline, m);
        m.makeTranslation(pose.x, 0.03, -pose.y);
        rings.setMatrixAt(offline++, m);
        continue;
      }
      mesh.setMatrixAt(i, m);
      c.copy(colours.status[e.status]);
      if (sNow - e.lastSeen > STALE_AFTER_MS) c.lerp(colours.stale, STALE_FADE);
      if (selected.has(id)) c.lerp(colours.selection, pulse);
      mesh.setColorAt(i, c);
    }
    mesh.count = ids.length;
    mesh.instanceMatrix.needsUpdate = true;
    if (mesh.instanceColor) mesh.instanceColor.needsUpdate = true;
    ghosts.count = offline;
    rings.count = offline;
    ghosts.visible = rings.visible = offline > 0;
    ghosts.instanceMatrix.needsUpdate = true;
    rings.instanceMatrix.needsUpdate = true;
    fleetDebug.robotsInScene = shown;
    fleetDebug.robotUpdateMs = performance.now() - t0;
  });

  const onClick = (ev: ThreeEvent<MouseEvent>) => {
    // Shift-clicks belong to BoxSelect; while picking a go-to target, clicks are for map nodes.
    if (ev.nativeEvent.shiftKey || useCommandFlow.getState().picking) return;
    ev.stopPropagation();
    const list = ev.object === ref.current ? ids : offlineIds();
    const id = ev.instanceId === undefined ? undefined : list[ev.instanceId];
    if (id !== undefined) useFleetStore.getState().select(id);
  };
  const handlers = {
    onClick,
    onPointerOver: () => (document.body.style.cursor = 'pointer'),
    onPointerOut: () => (document.body.style.cursor = ''),
  };

  return (
    <>
      <instancedMesh key={capacity} ref={ref} args={[geometry, material, capacity]} {...handlers} />
      <instancedMesh key={`ghost-${capacity}`} ref={ghostRef} args={[geometry, ghostMaterial, capacity]} visible={false} {...handlers} />
      <instancedMesh
        key={`ring-${capacity}`}
        ref={ringRef}
        args={[ringGeometry, ringMaterial, capacity]}
        visible={false}
        raycast={() => null}
      />
    </>
  );
}

/** The ids of the offline robots in the order the ghost mesh holds them this frame. */
function offlineIds(): number[] {
  const f = robotFrame;
  const out: number[] = [];
  for (let i = 0; i < f.n; i++) if (f.drawn[i] && f.flags[i]! & FLAG_OFFLINE) out.push(f.ids[i]!);
  return out;
}
