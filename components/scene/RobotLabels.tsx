'use client';
// Every robot's serial above it, legible at every zoom (constant screen size) and never overlapping: see
// label-shader.ts for the drawing (one draw call) and label-layout.ts for which labels are shown (hovered first,
// then selected, faulted and offline robots, then the rest). Its JavaScript time per frame is added to
// fleetDebug.robotUpdateMs, so the scene benchmark's "robot update" figure includes the labels.
import { useFrame, useThree } from '@react-three/fiber';
import { useEffect, useLayoutEffect, useMemo } from 'react';
import {
  Color,
  DynamicDrawUsage,
  InstancedBufferAttribute,
  InstancedBufferGeometry,
  Matrix4,
  PlaneGeometry,
  ShaderMaterial,
  Vector2,
} from 'three';
import { fleetDebug } from '@/components/realtime/fleet-debug';
import { useFleetStore } from '@/components/realtime/fleet-store';
import { createGlyphAtlas, glyphCodes, MAX_LABEL_CHARS } from './glyph-atlas';
import { LabelLayout, PRIORITY } from './label-layout';
import { LABEL_STYLE, labelFragmentShader, labelVertexShader } from './label-shader';
import { FLAG_OFFLINE, robotFrame, useSceneHover } from './robot-frame';
import { LABEL_METRICS, LABEL_PADDING } from './label-metrics';
import type { SceneTheme } from './scene-theme';
import { selectedSet } from './selection-set';
import { useSceneCommit } from './use-scene-commit';

/** Height of a label's anchor above the floor (just over a robot's top), in metres. */
const ANCHOR_Y = 0.55;
const quad = new PlaneGeometry(1, 1);

function labelGeometry(capacity: number): InstancedBufferGeometry {
  const g = new InstancedBufferGeometry();
  g.index = quad.index;
  g.setAttribute('position', quad.getAttribute('position'));
  const dynamic = (size: number) => new InstancedBufferAttribute(new Float32Array(capacity * size), size).setUsage(DynamicDrawUsage);
  g.setAttribute('aAnchor', dynamic(3));
  g.setAttribute('aInfo', dynamic(2));
  for (const name of ['aC0', 'aC1', 'aC2']) g.setAttribute(name, new InstancedBufferAttribute(new Float32Array(capacity * 4), 4));
  g.instanceCount = 0;
  return g;
}

export function RobotLabels({ ids, capacity, theme }: { ids: number[]; capacity: number; theme: SceneTheme }) {
  useSceneCommit();
  const dpr = useThree((s) => s.viewport.dpr);
  const atlas = useMemo(() => createGlyphAtlas(dpr, getComputedStyle(document.documentElement).getPropertyValue('--mono').trim()), [dpr]);
  const geometry = useMemo(() => labelGeometry(capacity), [capacity]);
  const material = useMemo(
    () =>
      new ShaderMaterial({
        vertexShader: labelVertexShader,
        fragmentShader: labelFragmentShader,
        transparent: true,
        depthTest: false,
        depthWrite: false,
        uniforms: {
          uAtlas: { value: atlas.texture },
          uViewport: { value: new Vector2(1, 1) },
          uCell: { value: new Vector2(atlas.cellWidth * dpr, atlas.cellHeight * dpr) },
          uPad: { value: new Vector2(LABEL_PADDING.x * dpr, LABEL_PADDING.y * dpr) },
          uLift: { value: LABEL_METRICS.lift * dpr },
          uText: { value: new Color() },
          uMuted: { value: new Color() },
          uBg: { value: new Color() },
          uLine: { value: new Color() },
          uAccent: { value: new Color() },
        },
      }),
    [atlas, dpr],
  );
  const layout = useMemo(() => new LabelLayout(), []);
  const vp = useMemo(() => new Matrix4(), []);

  useLayoutEffect(() => {
    const u = material.uniforms;
    u.uText!.value.set(theme.labelText);
    u.uMuted!.value.set(theme.offline);
    u.uBg!.value.set(theme.labelBg);
    u.uLine!.value.set(theme.labelLine);
    u.uAccent!.value.set(theme.route);
  }, [material, theme]);

  useEffect(
    () => () => {
      geometry.dispose();
      material.dispose();
    },
    [geometry, material],
  );

  // Characters change only with the set of robots or a robot's serial: filled outside the frame loop.
  useEffect(() => {
    const texts: (string | undefined)[] = [];
    const fill = (robots: ReturnType<typeof useFleetStore.getState>['robots']) => {
      const chars = ['aC0', 'aC1', 'aC2'].map((n) => geometry.getAttribute(n) as InstancedBufferAttribute);
      let changed = false;
      for (let i = 0; i < ids.length; i++) {
        const text = robots[ids[i]!]?.serialNumber ?? `#${ids[i]}`;
        if (texts[i] === text) continue;
        texts[i] = text;
        changed = true;
        const codes = glyphCodes(text);
        for (let k = 0; k < MAX_LABEL_CHARS; k++) chars[k >> 2]!.array[i * 4 + (k & 3)] = codes[k] ?? 0;
        robotFrame.width[i] = codes.length * atlas.cellWidth + 2 * LABEL_PADDING.x;
        (geometry.getAttribute('aInfo') as InstancedBufferAttribute).array[i * 2] = codes.length;
      }
      if (changed) for (const a of chars) a.needsUpdate = true;
    };
    fill(useFleetStore.getState().robots);
    return useFleetStore.subscribe((s, prev) => {
      if (s.robots !== prev.robots) fill(s.robots);
    });
  }, [ids, geometry, atlas]);

  useFrame(({ camera, size }) => {
    const t0 = performance.now();
    const f = robotFrame;
    const n = Math.min(ids.length, f.n);
    camera.updateMatrixWorld();
    vp.multiplyMatrices(camera.projectionMatrix, camera.matrixWorldInverse);
    const e = vp.elements;
    const hovered = useSceneHover.getState().hoveredId;
    const selected = selectedSet();
    for (let i = 0; i < n; i++) {
      f.candidate[i] = 0;
      if (!f.drawn[i]) continue;
      const x = f.x[i]!;
      const z = f.z[i]!;
      const w = e[3]! * x + e[7]! * ANCHOR_Y + e[11]! * z + e[15]!;
      if (w <= 0) continue;
      f.sx[i] = ((e[0]! * x + e[4]! * ANCHOR_Y + e[8]! * z + e[12]!) / w / 2 + 0.5) * size.width;
      f.sy[i] = (0.5 - (e[1]! * x + e[5]! * ANCHOR_Y + e[9]! * z + e[13]!) / w / 2) * size.height;
      f.candidate[i] = 1;
      const id = ids[i]!;
      f.priority[i] =
        id === hovered ? PRIORITY.hovered : selected.has(id) ? PRIORITY.selected : f.flags[i] ? PRIORITY.fault : PRIORITY.none;
    }
    layout.place({ ...f, n }, LABEL_METRICS, size.width, size.height, f.shown);
    const anchor = geometry.getAttribute('aAnchor') as InstancedBufferAttribute;
    const info = geometry.getAttribute('aInfo') as InstancedBufferAttribute;
    for (let i = 0; i < n; i++) {
      anchor.array[i * 3] = f.x[i]!;
      anchor.array[i * 3 + 1] = ANCHOR_Y;
      anchor.array[i * 3 + 2] = f.z[i]!;
      info.array[i * 2 + 1] = !f.shown[i]
        ? LABEL_STYLE.hidden
        : f.priority[i]! >= PRIORITY.selected
          ? LABEL_STYLE.emphasised
          : f.flags[i]! & FLAG_OFFLINE
            ? LABEL_STYLE.offline
            : LABEL_STYLE.normal;
    }
    anchor.needsUpdate = true;
    info.needsUpdate = true;
    geometry.instanceCount = n;
    (material.uniforms.uViewport!.value as Vector2).set(size.width * dpr, size.height * dpr);
    fleetDebug.robotUpdateMs += performance.now() - t0;
  });

  return <mesh geometry={geometry} material={material} frustumCulled={false} renderOrder={10} raycast={() => null} />;
}
