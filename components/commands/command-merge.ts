// Merging live command updates into lists loaded earlier, without refetching (pure).
import { COMMAND_STATUSES, isFinal, type CommandStatus, type CommandType, type CommandView } from '@/server/domain/commands/command';

const rank = (s: CommandStatus) => (isFinal(s) ? 100 : COMMAND_STATUSES.indexOf(s));

/** Whether `next` is a later version of the same command than `prev` (updates can arrive out of order). */
export function isNewer(prev: CommandView | undefined, next: CommandView): boolean {
  if (!prev) return true;
  if (next.updatedAt !== prev.updatedAt) return next.updatedAt > prev.updatedAt;
  return rank(next.status) > rank(prev.status);
}

export interface LedgerFilter {
  robotId?: number;
  status?: CommandStatus[];
  type?: CommandType[];
  issuedBy?: string;
  /** Issued within [from, to] (epoch ms): the ledger opened at a replayed moment (`?at=`). */
  from?: number;
  to?: number;
}

export function matchesFilter(c: CommandView, f: LedgerFilter): boolean {
  if (f.robotId !== undefined && c.robotId !== f.robotId) return false;
  if (f.status?.length && !f.status.includes(c.status)) return false;
  if (f.type?.length && !f.type.includes(c.type)) return false;
  if (f.issuedBy && c.issuedBy !== f.issuedBy) return false;
  if (f.from !== undefined && c.issuedAt < f.from) return false;
  if (f.to !== undefined && c.issuedAt > f.to) return false;
  return true;
}

const newestFirst = (a: CommandView, b: CommandView) => b.issuedAt - a.issuedAt || (a.id < b.id ? 1 : -1);

/**
 * The rows to show: the loaded pages with each command replaced by its newest live version, plus live
 * commands the pages do not hold yet (issued after the first page was loaded) that match the filter.
 * Live commands older than the last loaded row are left out while more pages exist (they belong to a
 * page not loaded yet). A loaded command whose live status no longer matches a status filter stays, so
 * rows do not vanish under the operator's eyes.
 */
export function mergeLedger(
  loaded: readonly CommandView[],
  live: Readonly<Record<string, CommandView>>,
  filter: LedgerFilter,
  hasMore: boolean,
): CommandView[] {
  const byId = new Map<string, CommandView>();
  for (const c of loaded) {
    const l = live[c.id];
    byId.set(c.id, l && isNewer(c, l) ? l : c);
  }
  const oldest = loaded.length ? Math.min(...loaded.map((c) => c.issuedAt)) : -Infinity;
  for (const c of Object.values(live)) {
    if (byId.has(c.id) || !matchesFilter(c, filter)) continue;
    if (hasMore && c.issuedAt < oldest) continue;
    byId.set(c.id, c);
  }
  return [...byId.values()].sort(newestFirst);
}

/** Keeps the `max` most recently issued commands (the live store is bounded). */
export function boundCommands(byId: Record<string, CommandView>, max: number): Record<string, CommandView> {
  const all = Object.values(byId);
  if (all.length <= max) return byId;
  const keep = all.sort(newestFirst).slice(0, max);
  return Object.fromEntries(keep.map((c) => [c.id, c]));
}
