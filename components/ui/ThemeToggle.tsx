'use client';
// System / light / dark: three pressed-state buttons in the bar. "System" follows the operating system's setting.
import type { ReactNode } from 'react';
import { MonitorIcon, MoonIcon, SunIcon } from './icons';
import { chooseTheme, type ThemeChoice } from './theme';
import { useResolvedTheme, useThemeChoice } from './use-theme';

const OPTIONS: readonly { choice: ThemeChoice; label: string; icon: ReactNode }[] = [
  { choice: 'system', label: 'System theme', icon: <MonitorIcon /> },
  { choice: 'light', label: 'Light theme', icon: <SunIcon /> },
  { choice: 'dark', label: 'Dark theme', icon: <MoonIcon /> },
];

export function ThemeToggle() {
  const choice = useThemeChoice();
  const theme = useResolvedTheme();
  return (
    <fieldset className="theme-toggle" data-testid="theme-toggle" data-theme-now={theme}>
      <legend className="sr-only">Colour theme</legend>
      {OPTIONS.map((o) => (
        <button
          key={o.choice}
          type="button"
          aria-pressed={choice === o.choice}
          aria-label={o.label}
          title={o.choice === 'system' ? `${o.label} (now ${theme})` : o.label}
          data-testid={`theme-${o.choice}`}
          onClick={() => chooseTheme(o.choice)}
        >
          {o.icon}
        </button>
      ))}
    </fieldset>
  );
}
