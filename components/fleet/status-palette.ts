// One colour per display status, shared by the 3D scene, the list and the legend. Colours are the theme's CSS
// custom properties (app/globals.css, dark and light): the DOM uses STATUS_COLOR (`var(...)`), the 3D scene resolves
// STATUS_TOKENS at runtime (components/scene/scene-theme.ts). Offline robots are not told apart by colour alone:
// the scene draws them translucent inside a dashed ring, and the legend shows that pattern.
import type { RobotStatus } from '@/server/domain/robot';

export const STATUS_ORDER: readonly RobotStatus[] = ['driving', 'idle', 'paused', 'charging', 'error', 'offline'];

/** Custom properties per status, first choice first (the later ones stand in while a theme lacks the first). */
export const STATUS_TOKENS: Record<RobotStatus, readonly string[]> = {
  driving: ['--accent'],
  idle: ['--text'],
  paused: ['--warn'],
  charging: ['--ok'],
  error: ['--bad'],
  offline: ['--scene-offline', '--muted'],
};

/** Robots not heard from for STALE_AFTER_MS fade towards this. */
export const STALE_TOKENS: readonly string[] = STATUS_TOKENS.offline;

/** `var(--a, var(--b))` for CSS. */
export function cssVar(tokens: readonly string[]): string {
  return tokens.reduceRight((fallback, t) => (fallback ? `var(${t}, ${fallback})` : `var(${t})`), '');
}

export const STATUS_COLOR: Record<RobotStatus, string> = Object.fromEntries(
  STATUS_ORDER.map((s) => [s, cssVar(STATUS_TOKENS[s])]),
) as Record<RobotStatus, string>;

export const STALE_COLOR = cssVar(STALE_TOKENS);

export const STATUS_LABEL: Record<RobotStatus, string> = {
  driving: 'Driving',
  idle: 'Idle',
  paused: 'Paused',
  charging: 'Charging',
  error: 'Error',
  offline: 'Offline',
};
