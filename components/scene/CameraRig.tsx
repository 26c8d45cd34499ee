'use client';
// The camera: perspective (orbit/pan/zoom) or top-down orthographic (pan/zoom, no rotation), preset poses from
// camera-presets.ts applied when chosen, and "follow": the orbit target glides to the selected robot, the camera
// moves with it, and when follow starts the view zooms in to FOLLOW_DISTANCE_M (or the top-down follow zoom).
import { OrbitControls, OrthographicCamera, PerspectiveCamera } from '@react-three/drei';
import { useFrame, useThree } from '@react-three/fiber';
import { useEffect, useLayoutEffect, useRef, type ComponentRef } from 'react';
import { OrthographicCamera as OrthoCam } from 'three';
import type { WarehouseMap } from '@/server/domain/warehouse-map';
import { useFleetStore } from '@/components/realtime/fleet-store';
import { interpolatedPose, poseStore } from '@/components/realtime/pose-store';
import { FOV_DEG, followOffset, followZoom, overviewPose, topDownPose, topDownZoom } from './camera-presets';
import { useSceneView } from './scene-view';
import { useSceneCommit } from './use-scene-commit';

const pose = { x: 0, y: 0, theta: 0 };

export function CameraRig({ map }: { map: WarehouseMap }) {
  useSceneCommit();
  const controls = useRef<ComponentRef<typeof OrbitControls>>(null);
  const projection = useSceneView((s) => s.projection);
  const preset = useSceneView((s) => s.preset);
  const camera = useThree((s) => s.camera);
  const size = useThree((s) => s.size);
  const span = Math.max(map.width, map.depth);
  // Zooming in runs from when follow starts (or the followed robot changes) until the distance is reached, so
  // the user can still zoom out while following.
  const zoomIn = useRef(false);
  useEffect(
    () =>
      useFleetStore.subscribe((s, prev) => {
        if (s.follow && (!prev.follow || s.selectedId !== prev.selectedId)) zoomIn.current = true;
      }),
    [],
  );

  // Apply the chosen preset once to the camera of its projection (and on first mount: the default view).
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-applied only when a preset is chosen or the camera changes, not on every resize
  useLayoutEffect(() => {
    const c = controls.current;
    const p = preset.view === 'top' ? topDownPose(map) : overviewPose(map, size.width / Math.max(1, size.height));
    camera.position.set(...p.position);
    if (camera instanceof OrthoCam) {
      camera.zoom = topDownZoom(map, size.width, size.height);
      camera.updateProjectionMatrix();
    }
    if (c) {
      c.target.set(...p.target);
      c.update();
    } else camera.lookAt(...p.target);
  }, [preset.seq, camera, map]);

  useFrame(({ camera: cam }, delta) => {
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
    cam.position.x += dx;
    cam.position.z += dz;
    if (zoomIn.current) {
      if (cam instanceof OrthoCam) {
        const z = followZoom(cam.zoom, k);
        zoomIn.current = z - cam.zoom > 0.01;
        cam.zoom = z;
        cam.updateProjectionMatrix();
      } else {
        const o = cam.position.clone().sub(c.target);
        const next = followOffset([o.x, o.y, o.z], k);
        zoomIn.current = Math.abs(Math.hypot(...next) - o.length()) > 0.01;
        cam.position.set(c.target.x + next[0], c.target.y + next[1], c.target.z + next[2]);
      }
    }
    c.update();
  });

  const top = projection === 'orthographic';
  return (
    <>
      {top ? (
        <OrthographicCamera makeDefault near={0.5} far={span * 6} />
      ) : (
        <PerspectiveCamera makeDefault fov={FOV_DEG} near={0.5} far={span * 6} />
      )}
      <OrbitControls
        ref={controls}
        makeDefault
        enableDamping
        dampingFactor={0.12}
        enableRotate={!top}
        screenSpacePanning={top}
        maxPolarAngle={top ? 0 : Math.PI / 2.15}
        minDistance={4}
        maxDistance={span * 2}
        minZoom={1}
        maxZoom={120}
      />
    </>
  );
}
