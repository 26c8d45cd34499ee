'use client';
// The theme on <html data-theme> as React state, and colours read from the theme's CSS custom properties, for what
// CSS cannot colour (three.js materials, canvases, chart libraries). Both re-render when the theme changes.
import { useMemo, useSyncExternalStore } from 'react';
import { parseThemeChoice, type Theme, type ThemeChoice } from './theme';

function subscribe(onChange: () => void): () => void {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme', 'data-theme-choice'] });
  return () => observer.disconnect();
}

const themeNow = (): Theme => (document.documentElement.dataset.theme === 'light' ? 'light' : 'dark');
const choiceNow = (): ThemeChoice => parseThemeChoice(document.documentElement.dataset.themeChoice);

/** 'dark' | 'light' as applied now (the server renders 'dark'). */
export function useResolvedTheme(): Theme {
  return useSyncExternalStore(subscribe, themeNow, () => 'dark');
}

/** The user's choice: 'system' | 'light' | 'dark'. */
export function useThemeChoice(): ThemeChoice {
  return useSyncExternalStore(subscribe, choiceNow, () => 'system');
}

/**
 * The values of the given custom properties under the current theme, e.g.
 * useThemeColours(['--scene-bg', '--scene-floor'] as const)['--scene-floor'] === '#1b222c' in the dark theme.
 * On the server (no styles) every value is ''.
 */
export function useThemeColours<const N extends readonly `--${string}`[]>(names: N): Record<N[number], string> {
  const theme = useResolvedTheme();
  const key = names.join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: the theme is the cause of a re-read; key stands for names.
  return useMemo(() => {
    const out = {} as Record<N[number], string>;
    const style = typeof document === 'undefined' ? null : getComputedStyle(document.documentElement);
    for (const n of key.split(',') as N[number][]) out[n] = style ? style.getPropertyValue(n).trim() : '';
    return out;
  }, [theme, key]);
}
