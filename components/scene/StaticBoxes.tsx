'use client';
// Many static boxes of one colour as one InstancedMesh (one draw call), matrices set once.
import { useLayoutEffect, useMemo, useRef } from 'react';
import { BoxGeometry, type InstancedMesh, Matrix4, Quaternion, Vector3 } from 'three';
import { useSceneCommit } from './use-scene-commit';

/** A box in scene coordinates: centre (x, y up, z), size (w along x, h up, d along z), yaw about y. */
export interface SceneBox {
  x: number;
  y: number;
  z: number;
  w: number;
  h: number;
  d: number;
  yaw?: number;
}

interface Props {
  boxes: SceneBox[];
  color: string;
  emissive?: string;
  opacity?: number;
  roughness?: number;
  metalness?: number;
}

const unitBox = new BoxGeometry(1, 1, 1);

export function StaticBoxes({ boxes, color, emissive, opacity = 1, roughness = 0.8, metalness = 0.05 }: Props) {
  useSceneCommit();
  const ref = useRef<InstancedMesh>(null);
  useLayoutEffect(() => {
    const mesh = ref.current;
    if (!mesh) return;
    const m = new Matrix4();
    const q = new Quaternion();
    const up = new Vector3(0, 1, 0);
    boxes.forEach((b, i) => {
      q.setFromAxisAngle(up, b.yaw ?? 0);
      m.compose(new Vector3(b.x, b.y, b.z), q, new Vector3(b.w, b.h, b.d));
      mesh.setMatrixAt(i, m);
    });
    mesh.instanceMatrix.needsUpdate = true;
    mesh.computeBoundingSphere();
  }, [boxes]);
  const count = useMemo(() => Math.max(1, boxes.length), [boxes.length]);
  if (boxes.length === 0) return null;
  return (
    <instancedMesh key={count} ref={ref} args={[unitBox, undefined, count]} raycast={() => null}>
      <meshStandardMaterial
        color={color}
        emissive={emissive ?? '#000000'}
        emissiveIntensity={emissive ? 0.6 : 0}
        roughness={roughness}
        metalness={metalness}
        transparent={opacity < 1}
        opacity={opacity}
      />
    </instancedMesh>
  );
}
