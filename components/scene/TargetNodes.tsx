'use client';
// "Pick on map" for go-to / re-initialise: while picking, every map node is drawn as a clickable disc
// (named places larger and coloured by kind); a click chooses it as the command's target.
import type { ThreeEvent } from '@react-three/fiber';
import { useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { Color, CylinderGeometry, type InstancedMesh, Matrix4, MeshBasicMaterial } from 'three';
import type { WarehouseMap } from '@/server/domain/warehouse-map';
import { chooseTarget, useCommandFlow } from '@/components/commands';
import { targetOptions, targetParams, type TargetOption } from '@/components/commands';
import { useSceneCommit } from './use-scene-commit';

const KIND_COLOR: Record<TargetOption['kind'], string> = {
  dock: '#c9cfd8',
  charger: '#46d37e',
  conveyor: '#d8b43a',
  parking: '#b48cff',
  rack: '#3f8fdf',
  node: '#6f8aa6',
};

export function TargetNodes({ map }: { map: WarehouseMap }) {
  useSceneCommit();
  const picking = useCommandFlow((s) => s.picking);
  useEffect(() => {
    useCommandFlow.setState({ mapPickAvailable: true });
    return () => useCommandFlow.setState({ mapPickAvailable: false, picking: false });
  }, []);
  return picking ? <NodeDiscs map={map} /> : null;
}

function NodeDiscs({ map }: { map: WarehouseMap }) {
  useSceneCommit();
  const ref = useRef<InstancedMesh>(null);
  const options = useMemo(() => targetOptions(map), [map]);
  const geometry = useMemo(() => new CylinderGeometry(0.5, 0.5, 0.08, 20), []);
  const material = useMemo(() => new MeshBasicMaterial({ transparent: true, opacity: 0.9 }), []);
  useLayoutEffect(() => {
    const mesh = ref.current;
    if (!mesh) return;
    const m = new Matrix4();
    const c = new Color();
    options.forEach((o, i) => {
      const s = o.kind === 'node' ? 0.7 : 1.3;
      m.makeScale(s, 1, s).setPosition(o.x, 0.06, -o.y);
      mesh.setMatrixAt(i, m);
      mesh.setColorAt(i, c.set(KIND_COLOR[o.kind]));
    });
    mesh.instanceMatrix.needsUpdate = true;
    if (mesh.instanceColor) mesh.instanceColor.needsUpdate = true;
    mesh.computeBoundingSphere();
  }, [options]);
  const at = (ev: ThreeEvent<PointerEvent | MouseEvent>) => (ev.instanceId === undefined ? undefined : options[ev.instanceId]);
  const onClick = (ev: ThreeEvent<MouseEvent>) => {
    const o = at(ev);
    const type = useCommandFlow.getState().pending?.type;
    if (!o || !type) return;
    ev.stopPropagation();
    chooseTarget(targetParams(type, o), o.label);
  };
  const onMove = (ev: ThreeEvent<PointerEvent>) => {
    const label = at(ev)?.label ?? null;
    if (useCommandFlow.getState().pickHover !== label) useCommandFlow.setState({ pickHover: label });
    document.body.style.cursor = label ? 'crosshair' : '';
  };
  const onOut = () => {
    useCommandFlow.setState({ pickHover: null });
    document.body.style.cursor = '';
  };
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a react-three-fiber mesh in the WebGL scene, not a DOM element; the keyboard reaches robots and targets through the lists and the command palette
    <instancedMesh
      ref={ref}
      args={[geometry, material, Math.max(1, options.length)]}
      onClick={onClick}
      onPointerMove={onMove}
      onPointerOut={onOut}
    />
  );
}
