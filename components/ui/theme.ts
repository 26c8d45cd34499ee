// The colour theme: the user's choice (system, light or dark, remembered in localStorage) resolved against the
// system's setting into the theme on <html data-theme>. THEME_SCRIPT does this inline before the first paint
// (app/layout.tsx), so a light page never flashes dark, keeps following the system while the choice is "system"
// and picks up a choice made in another tab; the toggle (ThemeToggle) stores a new choice and applies it here.

export type ThemeChoice = 'system' | 'light' | 'dark';
export type Theme = 'light' | 'dark';

export const THEME_CHOICES: readonly ThemeChoice[] = ['system', 'light', 'dark'];
export const THEME_STORAGE_KEY = 'fleetscope-theme';
export const PREFERS_LIGHT = '(prefers-color-scheme: light)';

export function parseThemeChoice(v: string | null | undefined): ThemeChoice {
  return v === 'light' || v === 'dark' ? v : 'system';
}

export function resolveTheme(choice: ThemeChoice, prefersLight: boolean): Theme {
  if (choice === 'system') return prefersLight ? 'light' : 'dark';
  return choice;
}

/** Stores the choice and applies it to this page (the inline script applies it to the other tabs). */
export function chooseTheme(choice: ThemeChoice): void {
  try {
    if (choice === 'system') localStorage.removeItem(THEME_STORAGE_KEY);
    else localStorage.setItem(THEME_STORAGE_KEY, choice);
  } catch {
    // Storage refused (private mode, quota): the choice still applies to this page.
  }
  const root = document.documentElement;
  root.dataset.themeChoice = choice;
  root.dataset.theme = resolveTheme(choice, window.matchMedia(PREFERS_LIGHT).matches);
}

// The same rule as parseThemeChoice + resolveTheme, as plain ES5 that runs before any bundle (theme.unit.test.ts
// checks that both agree). Storage may throw; the system setting then decides. When React re-renders <html> from
// scratch (it does after a hydration error anywhere on the page) it drops the attribute: the observer puts it back
// before the next paint.
export const THEME_SCRIPT = `(function(){var d=document.documentElement,m=window.matchMedia('${PREFERS_LIGHT}');
function apply(){var c=null;try{c=localStorage.getItem('${THEME_STORAGE_KEY}')}catch(e){}
if(c!=='light'&&c!=='dark')c='system';d.setAttribute('data-theme-choice',c);
d.setAttribute('data-theme',c==='system'?(m.matches?'light':'dark'):c)}
apply();m.addEventListener('change',apply);
window.addEventListener('storage',function(e){if(e.key==='${THEME_STORAGE_KEY}'||e.key===null)apply()});
new MutationObserver(function(){if(!d.hasAttribute('data-theme'))apply()}).observe(d,{attributes:true,attributeFilter:['data-theme']})})();`;
