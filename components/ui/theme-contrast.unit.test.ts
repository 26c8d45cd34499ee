// Both themes keep text legible: every text colour on every surface it is used on reaches WCAG AA (4.5:1).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const css = readFileSync(new URL('../../app/globals.css', import.meta.url), 'utf8');

function block(selector: string): Record<string, string> {
  const start = css.indexOf(`${selector} {`);
  if (start < 0) throw new Error(`no ${selector} block`);
  const body = css.slice(start, css.indexOf('}', start));
  return Object.fromEntries([...body.matchAll(/(--[\w-]+):\s*([^;]+);/g)].map((m) => [m[1], (m[2] ?? '').trim()]));
}

type Rgba = [number, number, number, number];

function parse(colour: string): Rgba {
  const hex = /^#([0-9a-f]{6})$/i.exec(colour);
  if (hex?.[1]) {
    const n = Number.parseInt(hex[1], 16);
    return [(n >> 16) & 255, (n >> 8) & 255, n & 255, 1];
  }
  const rgba = /^rgba\((\d+), (\d+), (\d+), ([\d.]+)\)$/.exec(colour);
  if (rgba) return [Number(rgba[1]), Number(rgba[2]), Number(rgba[3]), Number(rgba[4])];
  throw new Error(`unparsed colour ${colour}`);
}

/** A translucent colour laid over an opaque one. */
const over = ([r, g, b, a]: Rgba, [R, G, B]: Rgba): Rgba => [r * a + R * (1 - a), g * a + G * (1 - a), b * a + B * (1 - a), 1];

function luminance([r, g, b]: Rgba): number {
  const ch = (v: number) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * ch(r) + 0.7152 * ch(g) + 0.0722 * ch(b);
}

const contrast = (a: Rgba, b: Rgba) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
};

const TEXT_ON_SURFACES = ['--text', '--muted', '--accent', '--ok', '--warn', '--bad', '--bad-text'];
const SURFACES = ['--bg', '--panel', '--panel-2'];
/** [text, fill, the opaque surface under a translucent fill] */
const PAIRS: [string, string, string?][] = [
  ['--on-solid', '--bad'],
  ['--on-solid', '--warn'],
  ['--on-solid', '--ok'],
  ['--on-solid', '--accent'],
  ['--on-danger', '--danger-solid'],
  ['--text', '--selected'],
  ['--text', '--accent-strong'],
  ['--bad-text', '--bad-soft', '--panel'],
  ['--warn', '--warn-soft', '--panel'],
  ['--ok', '--ok-soft', '--panel'],
  ['--text', '--glass-strong', '--scene-bg'],
  ['--muted', '--glass', '--scene-floor'],
  ['--scene-label-text', '--scene-label-bg'],
];

const dark = block(':root');
const themes = { dark, light: { ...dark, ...block(':root[data-theme="light"]') } };

describe('theme contrast (WCAG AA, 4.5:1)', () => {
  for (const [name, vars] of Object.entries(themes)) {
    const colour = (v: string) => {
      const value = vars[v];
      if (!value) throw new Error(`${v} is not defined in the ${name} theme`);
      return parse(value);
    };
    it(`${name}: text tones on the page, panel and raised surfaces`, () => {
      const failures = TEXT_ON_SURFACES.flatMap((t) =>
        SURFACES.map((s) => ({ pair: `${t} on ${s}`, ratio: contrast(colour(t), colour(s)) })),
      ).filter((f) => f.ratio < 4.5);
      expect(failures).toEqual([]);
    });
    it(`${name}: text on filled and tinted backgrounds`, () => {
      const failures = PAIRS.map(([t, fill, under]) => {
        const bg = under ? over(colour(fill), colour(under)) : colour(fill);
        return { pair: `${t} on ${fill}${under ? ` over ${under}` : ''}`, ratio: contrast(colour(t), bg) };
      }).filter((f) => f.ratio < 4.5);
      expect(failures).toEqual([]);
    });
  }

  it('the light theme gives every colour of the dark one a value of its own', () => {
    const light = block(':root[data-theme="light"]');
    const themeless = ['--radius', '--font', '--mono', '--navbar-height'];
    expect(Object.keys(dark).filter((k) => !themeless.includes(k) && !(k in light))).toEqual([]);
  });
});
