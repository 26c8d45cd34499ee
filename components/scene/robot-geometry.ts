// One merged geometry per robot model so the whole fleet is a single draw call. Vertex colours
// scale the per-instance status colour: full body, dark heading arrow on top, darker front bumper.
import { BoxGeometry, BufferAttribute, type BufferGeometry, ExtrudeGeometry, RingGeometry, Shape } from 'three';
import { mergeGeometries } from 'three/addons/utils/BufferGeometryUtils.js';

export const ROBOT_LENGTH = 1.3;
export const ROBOT_WIDTH = 0.85;
export const ROBOT_HEIGHT = 0.42;

function tinted(g: BufferGeometry, shade: number): BufferGeometry {
  const geo = g.index ? g.toNonIndexed() : g;
  geo.deleteAttribute('uv');
  const n = geo.getAttribute('position').count;
  geo.setAttribute('color', new BufferAttribute(new Float32Array(n * 3).fill(shade), 3));
  return geo;
}

export function createRobotGeometry(): BufferGeometry {
  const body = new BoxGeometry(ROBOT_LENGTH, ROBOT_HEIGHT, ROBOT_WIDTH);
  body.translate(0, ROBOT_HEIGHT / 2 + 0.05, 0);

  const bumper = new BoxGeometry(0.12, ROBOT_HEIGHT * 0.6, ROBOT_WIDTH * 0.9);
  bumper.translate(ROBOT_LENGTH / 2 + 0.06, ROBOT_HEIGHT * 0.35, 0);

  // Arrow pointing along +x (the robot's heading), lying on the top face.
  const s = new Shape();
  s.moveTo(0.45, 0);
  s.lineTo(-0.2, 0.3);
  s.lineTo(-0.05, 0);
  s.lineTo(-0.2, -0.3);
  s.closePath();
  const arrow = new ExtrudeGeometry(s, { depth: 0.03, bevelEnabled: false });
  arrow.rotateX(-Math.PI / 2);
  arrow.translate(0, ROBOT_HEIGHT + 0.05, 0);

  const merged = mergeGeometries([tinted(body, 1), tinted(bumper, 0.45), tinted(arrow, 0.1)]);
  if (!merged) throw new Error('robot geometry: merge failed');
  merged.computeVertexNormals();
  return merged;
}

/** A dashed ring lying flat around a robot: the outline that marks an offline robot whatever the theme. */
export function createDashedRingGeometry(radius = 1.05, width = 0.14, dashes = 12): BufferGeometry {
  const step = (Math.PI * 2) / dashes;
  const parts: BufferGeometry[] = [];
  for (let i = 0; i < dashes; i++) {
    parts.push(new RingGeometry(radius - width / 2, radius + width / 2, 4, 1, i * step, step * 0.55));
  }
  const merged = mergeGeometries(parts);
  if (!merged) throw new Error('dashed ring geometry: merge failed');
  merged.rotateX(-Math.PI / 2);
  return merged;
}
