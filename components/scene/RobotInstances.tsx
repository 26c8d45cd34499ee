'use client';
// The fleet as one InstancedMesh. Matrices and colours are written in useFrame from the transient pose
// store; React renders this component only when the set of robot ids changes.
import { useFrame, type ThreeEvent } from '@react-three/fiber';
import { useLayoutEffect, useMemo, useRef } from 'react';
import { Color, InstancedBufferAttribute, type InstancedMesh, Matrix4, MeshStandardMaterial, Sphere, Vector3 } from 'three';
import { STALE_AFTER_MS } from '@/server/domain/robot';
import type { WarehouseMap } from '@/server/domain/warehouse-map';
import { fleetDebug } from '@/components/realtime/fleet-debug';
import { useFleetStore } from '@/components/realtime/fleet-store';
import { interpolatedPose, poseStore, serverNow } from '@/components/realtime/pose-store';
import { STALE_COLOR, STATUS_COLOR, STATUS_ORDER } from '@/components/fleet';
import { useCommandFlow } from '@/components/commands';
import { createRobotGeometry } from './robot-geometry';
import { mapCentre, mapRadius } from './scene-coords';
import { selectedSet } from './selection-set';
import { useSceneCommit } from './use-scene-commit';

const statusColors = Object.fromEntries(STATUS_ORDER.map((s) => [s, new Color(STATUS_COLOR[s])])) as Record<
  (typeof STATUS_ORDER)[number],
  Color
>;
const staleColor = new Color(STALE_COLOR);
const white = new Color('#ffffff');
const hidden = new Matrix4().makeScale(0, 0, 0);

function capacityFor(n: number): number {
  return Math.max(64, 2 ** Math.ceil(Math.log2(Math.max(1, n))));
}

export function RobotInstances({ ids, map }: { ids: number[]; map: WarehouseMap }) {
  useSceneCommit();
  const ref = useRef<InstancedMesh>(null);
  const geometry = useMemo(createRobotGeometry, []);
  const material = useMemo(() => new MeshStandardMaterial({ vertexColors: true, roughness: 0.55, metalness: 0.1 }), []);
  const capacity = capacityFor(ids.length);
  const scratch = useMemo(() => ({ pose: { x: 0, y: 0, theta: 0 }, m: new Matrix4(), c: new Color() }), []);

  useLayoutEffect(() => {
    const mesh = ref.current;
    if (!mesh) return;
    mesh.instanceColor = new InstancedBufferAttribute(new Float32Array(capacity * 3), 3);
    // Robots move, so the default bounds computed once from the first matrices would make picking and
    // frustum culling miss them: cover the whole site instead.
    const [cx, cy, cz] = mapCentre(map);
    mesh.boundingSphere = new Sphere(new Vector3(cx, cy, cz), mapRadius(map) + 20);
  }, [capacity, map]);

  useFrame(({ clock }) => {
    const mesh = ref.current;
    if (!mesh) return;
    const t0 = performance.now();
    const sNow = serverNow();
    const selected = selectedSet();
    const pulse = 0.25 + 0.2 * Math.sin(clock.elapsedTime * 6);
    const { pose, m, c } = scratch;
    let shown = 0;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      const e = poseStore.entries.get(id);
      if (!e?.hasPose) {
        mesh.setMatrixAt(i, hidden);
        continue;
      }
      interpolatedPose(e, t0, pose);
      m.makeRotationY(pose.theta);
      m.setPosition(pose.x, 0, -pose.y);
      mesh.setMatrixAt(i, m);
      c.copy(statusColors[e.status]);
      if (sNow - e.lastSeen > STALE_AFTER_MS) c.lerp(staleColor, 0.8);
      if (selected.has(id)) c.lerp(white, pulse);
      mesh.setColorAt(i, c);
      shown++;
    }
    mesh.count = ids.length;
    mesh.instanceMatrix.needsUpdate = true;
    if (mesh.instanceColor) mesh.instanceColor.needsUpdate = true;
    fleetDebug.robotsInScene = shown;
    fleetDebug.robotUpdateMs = performance.now() - t0;
  });

  const onClick = (ev: ThreeEvent<MouseEvent>) => {
    // Shift-clicks belong to BoxSelect; while picking a go-to target, clicks are for map nodes.
    if (ev.nativeEvent.shiftKey || useCommandFlow.getState().picking) return;
    ev.stopPropagation();
    const id = ev.instanceId === undefined ? undefined : ids[ev.instanceId];
    if (id !== undefined) useFleetStore.getState().select(id);
  };

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a react-three-fiber mesh in the WebGL scene, not a DOM element; the keyboard reaches robots and targets through the lists and the command palette
    <instancedMesh
      key={capacity}
      ref={ref}
      args={[geometry, material, capacity]}
      onClick={onClick}
      onPointerOver={() => (document.body.style.cursor = 'pointer')}
      onPointerOut={() => (document.body.style.cursor = '')}
    />
  );
}
