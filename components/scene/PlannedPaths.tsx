'use client';
// The planned path of each selected robot (VDA 5050 3.0 robots report it with ETAs): a line from where the robot
// is drawn through its path points, a small marker on each point and the ETA as seconds from now ("+4 s") at a few
// of them. Selection and paths are read from the stores inside useFrame without subscribing, so neither telemetry
// nor selecting renders React; nothing is drawn or uploaded while no selected robot has a path.
import { useFrame } from '@react-three/fiber';
import { useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import {
  BufferAttribute,
  BufferGeometry,
  CylinderGeometry,
  DynamicDrawUsage,
  type InstancedMesh,
  LineBasicMaterial,
  type LineSegments,
  Matrix4,
  MeshBasicMaterial,
  Vector3,
} from 'three';
import { useFleetStore } from '@/components/realtime/fleet-store';
import { interpolatedPose, poseStore, serverNow } from '@/components/realtime/pose-store';
import { etaLabelSlots, MAX_ETA_LABELS } from './eta-label-slots';
import { etaLabelIndices, etaText } from './path-eta';
import { useSceneCommit } from './use-scene-commit';

/** Selected robots whose paths are drawn (a box selection of hundreds would only clutter the floor). */
const MAX_PATH_ROBOTS = 16;
const MAX_SEGMENTS = 2048;
/** Height of the path above the floor: over the zones' fill and outline. */
const PATH_Y = 0.06;
/** Labels further outside the view than this (normalised device coordinates) are hidden. */
const NDC_MARGIN = 1.1;

const pose = { x: 0, y: 0, theta: 0 };
const m = new Matrix4();
const v = new Vector3();

export function PlannedPaths({ colour }: { colour: string }) {
  useSceneCommit();
  const lineRef = useRef<LineSegments>(null);
  const markerRef = useRef<InstancedMesh>(null);
  const geometry = useMemo(() => {
    const g = new BufferGeometry();
    g.setAttribute('position', new BufferAttribute(new Float32Array(MAX_SEGMENTS * 6), 3).setUsage(DynamicDrawUsage));
    g.setDrawRange(0, 0);
    return g;
  }, []);
  const lineMaterial = useMemo(() => new LineBasicMaterial({ transparent: true, opacity: 0.95, depthWrite: false }), []);
  const markerGeometry = useMemo(() => new CylinderGeometry(0.16, 0.16, 0.05, 12), []);
  const markerMaterial = useMemo(() => new MeshBasicMaterial(), []);
  useLayoutEffect(() => {
    lineMaterial.color.set(colour);
    markerMaterial.color.set(colour);
  }, [colour, lineMaterial, markerMaterial]);
  useEffect(
    () => () => {
      for (const d of [geometry, lineMaterial, markerGeometry, markerMaterial]) d.dispose();
      for (const el of etaLabelSlots) if (el) el.hidden = true;
    },
    [geometry, lineMaterial, markerGeometry, markerMaterial],
  );
  /** Labels shown last frame, and their texts (written to the DOM only when they change). */
  const labels = useMemo(() => ({ shown: 0, texts: Array.from({ length: MAX_ETA_LABELS }, () => '') }), []);

  useFrame(({ camera, size }) => {
    const line = lineRef.current;
    const markers = markerRef.current;
    if (!line || !markers) return;
    const { selectedIds, robots } = useFleetStore.getState();
    let segments = 0;
    let shown = 0;
    let drawn = 0;
    if (selectedIds.length > 0) {
      const now = serverNow();
      const t = performance.now();
      const position = geometry.getAttribute('position') as BufferAttribute;
      const a = position.array as Float32Array;
      for (const id of selectedIds) {
        if (drawn >= MAX_PATH_ROBOTS) break;
        const path = robots[id]?.path;
        const e = poseStore.entries.get(id);
        if (!path || path.length === 0 || !e?.hasPose) continue;
        drawn++;
        interpolatedPose(e, t, pose);
        let px = pose.x;
        let py = pose.y;
        for (const p of path) {
          if (segments >= MAX_SEGMENTS) break;
          const o = segments * 6;
          a[o] = px;
          a[o + 1] = PATH_Y;
          a[o + 2] = -py;
          a[o + 3] = p.x;
          a[o + 4] = PATH_Y;
          a[o + 5] = -p.y;
          m.makeTranslation(p.x, PATH_Y, -p.y);
          markers.setMatrixAt(segments++, m);
          px = p.x;
          py = p.y;
        }
        for (const k of etaLabelIndices(path.length)) {
          const el = etaLabelSlots[shown];
          const p = path[k];
          if (!el || !p || shown >= MAX_ETA_LABELS) break;
          v.set(p.x, PATH_Y, -p.y).project(camera);
          if (v.z > 1 || Math.abs(v.x) > NDC_MARGIN || Math.abs(v.y) > NDC_MARGIN) continue;
          const text = etaText(p.eta, now);
          if (labels.texts[shown] !== text) el.textContent = labels.texts[shown] = text;
          el.style.transform = `translate(${Math.round(((v.x + 1) / 2) * size.width)}px, ${Math.round(((1 - v.y) / 2) * size.height)}px)`;
          if (el.hidden) el.hidden = false;
          shown++;
        }
      }
      if (segments > 0) {
        // Upload only the part written this frame.
        position.clearUpdateRanges();
        position.addUpdateRange(0, segments * 6);
        position.needsUpdate = true;
        markers.instanceMatrix.clearUpdateRanges();
        markers.instanceMatrix.addUpdateRange(0, segments * 16);
        markers.instanceMatrix.needsUpdate = true;
      }
    }
    for (let i = shown; i < labels.shown; i++) {
      const el = etaLabelSlots[i];
      if (el) el.hidden = true;
    }
    labels.shown = shown;
    geometry.setDrawRange(0, segments * 2);
    line.visible = segments > 0;
    markers.count = segments;
    markers.visible = segments > 0;
  });

  return (
    <>
      <lineSegments ref={lineRef} geometry={geometry} material={lineMaterial} visible={false} frustumCulled={false} raycast={() => null} />
      <instancedMesh
        ref={markerRef}
        args={[markerGeometry, markerMaterial, MAX_SEGMENTS]}
        visible={false}
        frustumCulled={false}
        raycast={() => null}
      />
    </>
  );
}
