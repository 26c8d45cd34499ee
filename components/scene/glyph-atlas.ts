// A texture of the printable ASCII characters in a monospace font, drawn once at the screen's pixel ratio so the
// label shader samples it texel for pixel (crisp text, no mipmaps).
import { CanvasTexture, NearestFilter } from 'three';

export const ATLAS_COLUMNS = 16;
export const ATLAS_ROWS = 6;
/** First character in the atlas (space); codes below it and above `~` are drawn as `?`. */
export const FIRST_CODE = 32;
const LAST_CODE = 126;
/** Characters a label holds (three vec4 attributes). */
export const MAX_LABEL_CHARS = 12;

export interface GlyphAtlas {
  texture: CanvasTexture;
  /** Character cell in CSS px. */
  cellWidth: number;
  cellHeight: number;
}

export const LABEL_FONT_PX = 12;
/** Character cell height in CSS px. */
export const LABEL_CELL_HEIGHT = Math.ceil(LABEL_FONT_PX * 1.3);

/** Atlas indices of a label's characters (at most MAX_LABEL_CHARS; a longer text ends in `.`). */
export function glyphCodes(text: string): number[] {
  const t = text.length > MAX_LABEL_CHARS ? `${text.slice(0, MAX_LABEL_CHARS - 1)}.` : text;
  return [...t].map((ch) => {
    const code = ch.charCodeAt(0);
    return (code >= FIRST_CODE && code <= LAST_CODE ? code : 63) - FIRST_CODE;
  });
}

export function createGlyphAtlas(dpr: number, fontFamily: string): GlyphAtlas {
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('glyph atlas: no 2D canvas');
  const font = `600 ${LABEL_FONT_PX * dpr}px ${fontFamily || 'monospace'}`;
  ctx.font = font;
  const cellWidth = Math.ceil(ctx.measureText('M').width / dpr);
  const cellHeight = LABEL_CELL_HEIGHT;
  canvas.width = ATLAS_COLUMNS * cellWidth * dpr;
  canvas.height = ATLAS_ROWS * cellHeight * dpr;
  ctx.font = font;
  ctx.fillStyle = 'white';
  ctx.textBaseline = 'alphabetic';
  for (let code = FIRST_CODE; code <= LAST_CODE; code++) {
    const k = code - FIRST_CODE;
    const x = (k % ATLAS_COLUMNS) * cellWidth * dpr;
    const y = Math.floor(k / ATLAS_COLUMNS) * cellHeight * dpr;
    ctx.fillText(String.fromCharCode(code), x, y + Math.round(cellHeight * 0.78 * dpr));
  }
  const texture = new CanvasTexture(canvas);
  texture.minFilter = NearestFilter;
  texture.magFilter = NearestFilter;
  texture.generateMipmaps = false;
  return { texture, cellWidth, cellHeight };
}
