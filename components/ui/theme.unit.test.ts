import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { parseThemeChoice, resolveTheme, THEME_CHOICES, THEME_SCRIPT, THEME_STORAGE_KEY } from './theme';

// Runs the inline script against a stand-in page: what it writes on <html>, and the listeners it leaves.
function runScript(stored: string | null, prefersLight: boolean, storageThrows = false) {
  const attrs: Record<string, string> = {};
  const media: (() => void)[] = [];
  const windowListeners: Record<string, ((e: { key: string | null }) => void)[]> = {};
  let store = stored;
  const mql = { matches: prefersLight, addEventListener: (_: string, f: () => void) => media.push(f) };
  const window = {
    matchMedia: () => mql,
    addEventListener: (t: string, f: (e: { key: string | null }) => void) => {
      windowListeners[t] = [...(windowListeners[t] ?? []), f];
    },
  };
  const localStorage = {
    getItem: (k: string) => {
      if (storageThrows) throw new Error('SecurityError');
      return k === THEME_STORAGE_KEY ? store : null;
    },
  };
  const observers: (() => void)[] = [];
  const documentElement = {
    setAttribute: (k: string, v: string) => {
      attrs[k] = v;
    },
    hasAttribute: (k: string) => k in attrs,
  };
  class MutationObserver {
    constructor(private readonly f: () => void) {}
    observe() {
      observers.push(this.f);
    }
  }
  runInNewContext(THEME_SCRIPT, { window, document: { documentElement }, localStorage, MutationObserver });
  return {
    attrs,
    systemTurns(light: boolean) {
      mql.matches = light;
      for (const f of media) f();
    },
    reactDropsTheAttributes() {
      for (const k of Object.keys(attrs)) delete attrs[k];
      for (const f of observers) f();
    },
    otherTabStores(v: string | null) {
      store = v;
      for (const f of windowListeners.storage ?? []) f({ key: THEME_STORAGE_KEY });
    },
  };
}

describe('theme', () => {
  it('the inline script resolves every stored choice and system setting as resolveTheme does', () => {
    for (const stored of [null, 'system', 'light', 'dark', 'bogus']) {
      for (const prefersLight of [false, true]) {
        const { attrs } = runScript(stored, prefersLight);
        const choice = parseThemeChoice(stored);
        expect(attrs).toEqual({ 'data-theme-choice': choice, 'data-theme': resolveTheme(choice, prefersLight) });
      }
    }
  });

  it('follows the system setting while the choice is "system", and not after a fixed choice', () => {
    const page = runScript(null, false);
    expect(page.attrs['data-theme']).toBe('dark');
    page.systemTurns(true);
    expect(page.attrs['data-theme']).toBe('light');
    const fixed = runScript('dark', true);
    fixed.systemTurns(true);
    expect(fixed.attrs['data-theme']).toBe('dark');
  });

  it('takes up a choice made in another tab', () => {
    const page = runScript(null, false);
    page.otherTabStores('light');
    expect(page.attrs).toEqual({ 'data-theme-choice': 'light', 'data-theme': 'light' });
  });

  it('puts the theme back when React re-renders <html> without it', () => {
    const page = runScript('light', false);
    page.reactDropsTheAttributes();
    expect(page.attrs).toEqual({ 'data-theme-choice': 'light', 'data-theme': 'light' });
  });

  it('falls back to the system setting when storage is refused', () => {
    expect(runScript(null, true, true).attrs['data-theme']).toBe('light');
  });

  it('offers system, light and dark; an unknown stored value means system', () => {
    expect(THEME_CHOICES).toEqual(['system', 'light', 'dark']);
    expect(parseThemeChoice('sepia')).toBe('system');
    expect(resolveTheme('light', false)).toBe('light');
    expect(resolveTheme('dark', true)).toBe('dark');
  });
});
