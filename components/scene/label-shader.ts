// Robot labels as one instanced quad per robot (one draw call for the whole fleet): the vertex shader places
// each quad in screen pixels above its robot's projected position (constant size at every zoom, snapped to whole
// pixels), the fragment shader draws the label's characters from the glyph atlas on a bordered background.
// Per instance: aAnchor (world position), aC0..aC2 (up to 12 atlas indices), aInfo (length, style).
// Styles: 0 hidden, 1 normal, 2 offline (muted text), 3 emphasised (hovered or selected: accent border).
import { ATLAS_COLUMNS, ATLAS_ROWS } from './glyph-atlas';

export const LABEL_STYLE = { hidden: 0, normal: 1, offline: 2, emphasised: 3 } as const;

export const labelVertexShader = /* glsl */ `
attribute vec3 aAnchor;
attribute vec4 aC0;
attribute vec4 aC1;
attribute vec4 aC2;
attribute vec2 aInfo;
uniform vec2 uViewport;
uniform vec2 uCell;
uniform vec2 uPad;
uniform float uLift;
varying vec2 vPx;
varying vec2 vSize;
varying vec4 vC0;
varying vec4 vC1;
varying vec4 vC2;
varying float vStyle;
void main() {
  vSize = vec2(aInfo.x * uCell.x + 2.0 * uPad.x, uCell.y + 2.0 * uPad.y);
  vPx = (position.xy + 0.5) * vSize;
  vC0 = aC0;
  vC1 = aC1;
  vC2 = aC2;
  vStyle = aInfo.y;
  vec4 clip = projectionMatrix * modelViewMatrix * vec4(aAnchor, 1.0);
  vec2 anchor = floor((clip.xy / clip.w * 0.5 + 0.5) * uViewport + 0.5);
  vec2 px = anchor + vec2(vPx.x - floor(0.5 * vSize.x), vPx.y + uLift);
  clip.xy = (px / uViewport * 2.0 - 1.0) * clip.w;
  clip.z = 0.0;
  gl_Position = (aInfo.y < 0.5 || clip.w <= 0.0) ? vec4(2.0, 2.0, 2.0, 1.0) : clip;
}
`;

export const labelFragmentShader = /* glsl */ `
uniform sampler2D uAtlas;
uniform vec2 uCell;
uniform vec2 uPad;
uniform vec3 uText;
uniform vec3 uMuted;
uniform vec3 uBg;
uniform vec3 uLine;
uniform vec3 uAccent;
varying vec2 vPx;
varying vec2 vSize;
varying vec4 vC0;
varying vec4 vC1;
varying vec4 vC2;
varying float vStyle;
float pick(vec4 v, int j) {
  return j == 0 ? v.x : j == 1 ? v.y : j == 2 ? v.z : v.w;
}
float charAt(int i) {
  int j = i - (i / 4) * 4;
  return i < 4 ? pick(vC0, j) : i < 8 ? pick(vC1, j) : pick(vC2, j);
}
void main() {
  vec2 p = vPx;
  bool edge = p.x < 1.0 || p.y < 1.0 || p.x > vSize.x - 1.0 || p.y > vSize.y - 1.0;
  vec3 colour = edge ? (vStyle > 2.5 ? uAccent : uLine) : uBg;
  vec2 q = p - uPad;
  if (!edge && q.x >= 0.0 && q.y >= 0.0 && q.y < uCell.y && q.x < vSize.x - 2.0 * uPad.x) {
    float code = floor(charAt(int(q.x / uCell.x)) + 0.5);
    vec2 inCell = vec2(fract(q.x / uCell.x), q.y / uCell.y);
    vec2 uv = vec2(
      (mod(code, ${ATLAS_COLUMNS}.0) + inCell.x) / ${ATLAS_COLUMNS}.0,
      1.0 - (floor(code / ${ATLAS_COLUMNS}.0) + 1.0 - inCell.y) / ${ATLAS_ROWS}.0
    );
    float ink = texture2D(uAtlas, uv).a;
    colour = mix(colour, vStyle > 1.5 && vStyle < 2.5 ? uMuted : uText, ink);
  }
  gl_FragColor = vec4(colour, 0.9);
  #include <colorspace_fragment>
}
`;
