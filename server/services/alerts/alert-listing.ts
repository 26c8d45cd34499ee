// Reading alerts for the API: unresolved ones from the center's memory (the truth, also while the database is
// away), resolved ones from the store, plus the last few resolved in memory whose writes may not have landed yet.
import type { AlertView, ListAlertsInput } from '../../domain/alerts/alert';
import type { AlertStore } from '../../ports/alert-store';

/** Recently resolved alerts kept in memory until their writes have surely landed. */
const RECENT_RESOLVED = 500;

export function alertListing(deps: { store: Pick<AlertStore, 'list' | 'byId'>; unresolved: () => Iterable<AlertView> }) {
  const recent = new Map<string, AlertView>();
  const matches = (input: ListAlertsInput) => (a: AlertView) =>
    (!input.state || a.state === input.state) &&
    (!input.severity || a.severity === input.severity) &&
    (!input.rule || a.ruleId === input.rule) &&
    (input.robotId === undefined || a.robotId === input.robotId);
  const newestFirst = (a: AlertView, b: AlertView) => b.openedAt - a.openedAt || b.updatedAt - a.updatedAt;

  return {
    resolved(a: AlertView) {
      recent.delete(a.id);
      recent.set(a.id, a);
      if (recent.size > RECENT_RESOLVED) recent.delete(recent.keys().next().value!);
    },
    async list(input: ListAlertsInput): Promise<AlertView[]> {
      const keep = matches(input);
      const memory = [...deps.unresolved(), ...recent.values()].filter(keep);
      if (input.state === 'open' || input.state === 'acknowledged')
        return memory
          .sort(newestFirst)
          .slice(0, input.limit)
          .map((a) => ({ ...a }));
      const byId = new Map<string, AlertView>();
      for (const a of await deps.store.list(input)) byId.set(a.id, a);
      // Memory is newer than the store for anything it holds.
      for (const a of memory) byId.set(a.id, { ...a });
      return [...byId.values()].filter(keep).sort(newestFirst).slice(0, input.limit);
    },
    async byId(id: string): Promise<AlertView | null> {
      for (const a of deps.unresolved()) if (a.id === id) return { ...a };
      const r = recent.get(id);
      if (r) return { ...r };
      return deps.store.byId(id);
    },
  };
}
