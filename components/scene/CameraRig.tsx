'use client';
// Orbit/pan/zoom, plus "follow": the orbit target glides to the selected robot and the camera moves
// with it, keeping the user's viewing angle and distance.
import { OrbitControls } from '@react-three/drei';
import { useFrame } from '@react-three/fiber';
import { useRef, type ComponentRef } from 'react';
import type { WarehouseMap } from '@/server/domain/warehouse-map';
import { useFleetStore } from '@/components/realtime/fleet-store';
import { interpolatedPose, poseStore } from '@/components/realtime/pose-store';
import { initialTarget } from './scene-coords';
import { useSceneCommit } from './use-scene-commit';

const pose = { x: 0, y: 0, theta: 0 };

export function CameraRig({ map }: { map: WarehouseMap }) {
  useSceneCommit();
  const controls = useRef<ComponentRef<typeof OrbitControls>>(null);
  useFrame(({ camera }, delta) => {
    const c = controls.current;
    const { follow, selectedId } = useFleetStore.getState();
    if (!c || !follow || selectedId === null) return;
    const e = poseStore.entries.get(selectedId);
    if (!e?.hasPose) return;
    interpolatedPose(e, performance.now(), pose);
    const k = 1 - Math.exp(-delta * 6);
    const dx = (pose.x - c.target.x) * k;
    const dz = (-pose.y - c.target.z) * k;
    c.target.x += dx;
    c.target.z += dz;
    camera.position.x += dx;
    camera.position.z += dz;
    c.update();
  });
  return (
    <OrbitControls
      ref={controls}
      makeDefault
      target={initialTarget(map)}
      enableDamping
      dampingFactor={0.12}
      maxPolarAngle={Math.PI / 2.15}
      minDistance={4}
      maxDistance={Math.max(map.width, map.depth) * 2}
    />
  );
}
