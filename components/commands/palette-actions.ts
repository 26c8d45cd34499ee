// What the command palette offers and how typing narrows it (pure); robots are found by serial or name.
export interface PaletteAction {
  id: string;
  label: string;
  /** Shown on the right, e.g. whom it applies to. */
  hint?: string;
  /** Extra words it is found by. */
  keywords?: string;
  /** Offered only once something is typed (one per robot would bury the commands), at most MAX_SEARCH_ONLY. */
  searchOnly?: boolean;
  run(): void;
}

export const MAX_SEARCH_ONLY = 10;

/** Best matches first: label starts with the query, then a label word does, then every word appears anywhere. */
export function rankActions(actions: readonly PaletteAction[], query: string): PaletteAction[] {
  const q = query.trim().toLowerCase();
  if (!q) return actions.filter((a) => !a.searchOnly);
  const words = q.split(/\s+/);
  const scored: { a: PaletteAction; score: number; i: number }[] = [];
  actions.forEach((a, i) => {
    const label = a.label.toLowerCase();
    const hay = `${label} ${a.hint ?? ''} ${a.keywords ?? ''}`.toLowerCase();
    if (!words.every((w) => hay.includes(w))) return;
    const score = label.startsWith(q) ? 0 : label.split(/\W+/).some((w) => w.startsWith(words[0]!)) ? 1 : 2;
    scored.push({ a, score, i });
  });
  let searchOnly = 0;
  return scored
    .sort((x, y) => x.score - y.score || x.i - y.i)
    .map((s) => s.a)
    .filter((a) => !a.searchOnly || ++searchOnly <= MAX_SEARCH_ONLY);
}

/** Ctrl+K or Cmd+K, never with other modifiers. */
export function isPaletteShortcut(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>): boolean {
  return e.key.toLowerCase() === 'k' && (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey;
}
