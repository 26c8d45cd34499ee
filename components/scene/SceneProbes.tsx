'use client';
// Hooks that need the renderer or camera: draw calls per frame (tests, benchmarks), and a robot's on-screen
// position (box select and shift-click; e2e tests click robots with it).
import { useFrame, useThree } from '@react-three/fiber';
import { useEffect } from 'react';
import { Vector3 } from 'three';
import { fleetDebug } from '@/components/realtime/fleet-debug';
import { interpolatedPose, poseStore } from '@/components/realtime/pose-store';
import { screenProjection } from './screen-projection';
import { useSceneCommit } from './use-scene-commit';

export function SceneProbes() {
  useSceneCommit();
  const get = useThree((s) => s.get);
  useEffect(() => {
    const v = new Vector3();
    const pose = { x: 0, y: 0, theta: 0 };
    const positionOf = (id: number) => {
      const e = poseStore.entries.get(id);
      if (!e?.hasPose) return null;
      const { camera, size } = get();
      interpolatedPose(e, performance.now(), pose);
      v.set(pose.x, 0.3, -pose.y).project(camera);
      if (v.z > 1) return null; // Behind the camera.
      return { x: ((v.x + 1) / 2) * size.width, y: ((1 - v.y) / 2) * size.height };
    };
    fleetDebug.screenPositionOf = positionOf;
    screenProjection.positionOf = positionOf;
    return () => {
      fleetDebug.screenPositionOf = () => null;
      screenProjection.positionOf = () => null;
    };
  }, [get]);
  // Runs before this frame's render; gl.info still holds the previous frame's figures.
  useFrame(({ gl }) => {
    fleetDebug.drawCalls = gl.info.render.calls;
  });
  return null;
}
