'use client';
// A floating diamond over each robot with an unresolved alert, coloured by its most severe alert (one
// InstancedMesh, moved in useFrame). Alerts are read from the alert store without subscribing, so an alert
// opening or closing never re-renders the scene.
import { useFrame } from '@react-three/fiber';
import { useLayoutEffect, useMemo, useRef } from 'react';
import { Color, InstancedBufferAttribute, type InstancedMesh, Matrix4, MeshBasicMaterial, OctahedronGeometry } from 'three';
import type { AlertSeverity } from '@/server/domain/alerts/alert';
import { robotAlertSeverities } from '@/components/alerts';
import { interpolatedPose, poseStore } from '@/components/realtime/pose-store';
import { ROBOT_HEIGHT } from './robot-geometry';
import { useSceneCommit } from './use-scene-commit';

/** Markers drawn at most (a broker outage can put one on every robot; past this the list still shows them). */
const MAX_MARKERS = 1024;
const SEVERITY_COLOR: Record<AlertSeverity, Color> = {
  critical: new Color('#ff5a5f'),
  warning: new Color('#f5b83d'),
  info: new Color('#3fb6ff'),
};
const pose = { x: 0, y: 0, theta: 0 };
const m = new Matrix4();

export function AlertMarkers() {
  useSceneCommit();
  const ref = useRef<InstancedMesh>(null);
  const geometry = useMemo(() => new OctahedronGeometry(0.5).scale(1, 1.5, 1), []);
  const material = useMemo(() => new MeshBasicMaterial({ color: '#ffffff' }), []);
  useLayoutEffect(() => {
    const mesh = ref.current;
    if (mesh) mesh.instanceColor = new InstancedBufferAttribute(new Float32Array(MAX_MARKERS * 3), 3);
  }, []);
  useFrame(({ clock }) => {
    const mesh = ref.current;
    if (!mesh) return;
    const severities = robotAlertSeverities();
    const now = performance.now();
    const t = clock.elapsedTime;
    let n = 0;
    for (const key in severities) {
      if (n >= MAX_MARKERS) break;
      const id = Number(key);
      const e = poseStore.entries.get(id);
      const severity = severities[id];
      if (!e?.hasPose || !severity) continue;
      interpolatedPose(e, now, pose);
      // Critical markers bob faster, so they catch the eye among warnings.
      const bob = Math.sin(t * (severity === 'critical' ? 5 : 2) + id) * 0.12;
      m.makeRotationY(t * 1.5);
      m.setPosition(pose.x, ROBOT_HEIGHT + 1.4 + bob, -pose.y);
      mesh.setMatrixAt(n, m);
      mesh.setColorAt(n, SEVERITY_COLOR[severity]);
      n++;
    }
    mesh.count = n;
    mesh.visible = n > 0;
    mesh.instanceMatrix.needsUpdate = true;
    if (mesh.instanceColor) mesh.instanceColor.needsUpdate = true;
  });
  return <instancedMesh ref={ref} args={[geometry, material, MAX_MARKERS]} raycast={() => null} visible={false} frustumCulled={false} />;
}
