'use client';
// A ring under the selected robot, moved in useFrame (selection is read from the store without
// subscribing, so selecting does not re-render the scene).
import { useFrame } from '@react-three/fiber';
import { useRef } from 'react';
import type { Mesh } from 'three';
import { useFleetStore } from '@/components/realtime/fleet-store';
import { interpolatedPose, poseStore } from '@/components/realtime/pose-store';
import { useSceneCommit } from './use-scene-commit';

const pose = { x: 0, y: 0, theta: 0 };

export function SelectionMarker() {
  useSceneCommit();
  const ref = useRef<Mesh>(null);
  useFrame(({ clock }) => {
    const mesh = ref.current;
    if (!mesh) return;
    const { selectedId } = useFleetStore.getState();
    const e = selectedId === null ? undefined : poseStore.entries.get(selectedId);
    mesh.visible = !!e?.hasPose;
    if (!e?.hasPose) return;
    interpolatedPose(e, performance.now(), pose);
    mesh.position.set(pose.x, 0.03, -pose.y);
    const s = 1 + 0.08 * Math.sin(clock.elapsedTime * 4);
    mesh.scale.set(s, s, 1);
  });
  return (
    <mesh ref={ref} rotation-x={-Math.PI / 2} visible={false}>
      <ringGeometry args={[1.0, 1.25, 40]} />
      <meshBasicMaterial color="#ffffff" transparent opacity={0.85} />
    </mesh>
  );
}
