// The scene's colours come from the theme's CSS custom properties (app/globals.css: --scene-*, and the status
// colours of components/fleet/status-palette.ts), read at runtime so the 3D view follows the light/dark theme
// (data-theme on <html>, set from prefers-color-scheme or the user's choice).
import { useEffect, useState } from 'react';
import type { RobotStatus } from '@/server/domain/robot';
import { STALE_COLOR, STATUS_COLOR, STATUS_ORDER } from '@/components/fleet';

/** Scene colour → custom properties, first choice first (the later ones stand in while a theme lacks the first). */
const SCENE_TOKENS = {
  background: ['--scene-bg', '--bg'],
  ground: ['--scene-ground', '--bg'],
  floor: ['--scene-floor', '--panel'],
  gridCell: ['--scene-grid-cell', '--line-soft'],
  gridSection: ['--scene-grid-section', '--line'],
  wall: ['--scene-wall', '--muted'],
  sky: ['--scene-sky', '--text'],
  skyGround: ['--scene-sky-ground', '--panel-2'],
  labelText: ['--scene-label-text', '--text'],
  labelBg: ['--scene-label-bg', '--panel'],
  labelLine: ['--scene-label-line', '--line'],
  offline: ['--scene-offline', '--muted'],
  selection: ['--scene-selection', '--text'],
  route: ['--accent'],
  zoneRelease: ['--scene-zone-release', '--violet'],
  zoneBlocked: ['--scene-zone-blocked', '--bad'],
  zoneOther: ['--scene-zone-other', '--muted'],
  zoneHeld: ['--scene-zone-held', '--warn'],
  zoneQueued: ['--scene-zone-queued', '--bad'],
} as const;

export type SceneColour = keyof typeof SCENE_TOKENS;

export interface SceneTheme extends Record<SceneColour, string> {
  dark: boolean;
  status: Record<RobotStatus, string>;
  stale: string;
}

/** The custom property names of a `var(--a, var(--b))` expression, in order. */
export function tokensOf(cssValue: string): string[] {
  return [...cssValue.matchAll(/var\(\s*(--[\w-]+)/g)].map((m) => m[1]!);
}

/** The first token with a value; `fallback` when none has one. */
export function resolveTokens(tokens: readonly string[], read: (name: string) => string, fallback: string): string {
  for (const t of tokens) {
    const v = read(t).trim();
    if (v) return v;
  }
  return fallback;
}

export function readSceneTheme(read: (name: string) => string, dark: boolean): SceneTheme {
  const neutral = dark ? 'black' : 'white';
  const colours = Object.fromEntries(
    Object.entries(SCENE_TOKENS).map(([k, tokens]) => [k, resolveTokens(tokens, read, neutral)]),
  ) as Record<SceneColour, string>;
  const status = Object.fromEntries(STATUS_ORDER.map((s) => [s, resolveTokens(tokensOf(STATUS_COLOR[s]), read, 'gray')])) as Record<
    RobotStatus,
    string
  >;
  return { ...colours, dark, status, stale: resolveTokens(tokensOf(STALE_COLOR), read, 'gray') };
}

function currentTheme(): SceneTheme {
  const root = document.documentElement;
  const style = getComputedStyle(root);
  const dark = root.dataset.theme ? root.dataset.theme !== 'light' : !matchMedia('(prefers-color-scheme: light)').matches;
  return readSceneTheme((name) => style.getPropertyValue(name), dark);
}

/** The scene's colours, re-read when <html>'s theme attribute or the system's colour scheme changes. */
export function useSceneTheme(): SceneTheme {
  const [theme, setTheme] = useState(currentTheme);
  useEffect(() => {
    const update = () => setTheme(currentTheme());
    const observer = new MutationObserver(update);
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme', 'class', 'style'] });
    const media = matchMedia('(prefers-color-scheme: light)');
    media.addEventListener('change', update);
    return () => {
      observer.disconnect();
      media.removeEventListener('change', update);
    };
  }, []);
  return theme;
}
