'use client';
// Rings under the selected robots (one InstancedMesh), moved in useFrame; the primary robot's ring pulses.
// Selection is read from the store without subscribing, so selecting does not re-render the scene.
import { useFrame } from '@react-three/fiber';
import { useLayoutEffect, useMemo, useRef } from 'react';
import { type InstancedMesh, Matrix4, MeshBasicMaterial, RingGeometry } from 'three';
import { useFleetStore } from '@/components/realtime/fleet-store';
import { interpolatedPose, poseStore } from '@/components/realtime/pose-store';
import { useSceneCommit } from './use-scene-commit';

/** Rings drawn at most; a larger selection still gets its robots highlighted in colour. */
const MAX_RINGS = 512;
const pose = { x: 0, y: 0, theta: 0 };
const m = new Matrix4();
const flat = new Matrix4().makeRotationX(-Math.PI / 2);

export function SelectionMarker({ colour }: { colour: string }) {
  useSceneCommit();
  const ref = useRef<InstancedMesh>(null);
  const geometry = useMemo(() => new RingGeometry(1.0, 1.25, 40), []);
  const material = useMemo(() => new MeshBasicMaterial({ transparent: true, opacity: 0.85 }), []);
  useLayoutEffect(() => {
    material.color.set(colour);
  }, [material, colour]);
  useFrame(({ clock }) => {
    const mesh = ref.current;
    if (!mesh) return;
    const { selectedIds, selectedId } = useFleetStore.getState();
    const now = performance.now();
    const pulse = 1 + 0.08 * Math.sin(clock.elapsedTime * 4);
    let n = 0;
    for (const id of selectedIds) {
      if (n >= MAX_RINGS) break;
      const e = poseStore.entries.get(id);
      if (!e?.hasPose) continue;
      interpolatedPose(e, now, pose);
      const s = id === selectedId ? pulse : 0.9;
      m.makeScale(s, s, s).premultiply(flat);
      m.setPosition(pose.x, 0.03, -pose.y);
      mesh.setMatrixAt(n++, m);
    }
    mesh.count = n;
    mesh.visible = n > 0;
    mesh.instanceMatrix.needsUpdate = true;
  });
  return <instancedMesh ref={ref} args={[geometry, material, MAX_RINGS]} raycast={() => null} visible={false} frustumCulled={false} />;
}
