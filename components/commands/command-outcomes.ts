// Watches the commands this tab issued and raises one toast when a command (or a whole batch issued
// together) has reached its final status.
import { isFinal, type CommandView } from '@/server/domain/commands/command';
import { useFleetStore } from '@/components/realtime/fleet-store';
import { summariseOutcome } from './outcome-summary';
import { pushToast } from '@/components/ui/toast-store';

interface WatchGroup {
  label: string;
  latest: Map<string, CommandView>;
}

const groupOfCommand = new Map<string, WatchGroup>();

export function robotName(id: number): string {
  const r = useFleetStore.getState().robots[id];
  return r ? r.serialNumber : `robot #${id}`;
}

/** Starts watching commands issued together; `known` gives any newer version seen before the reply arrived. */
export function watchOutcomes(label: string, commands: readonly CommandView[], known: (id: string) => CommandView | undefined): void {
  if (commands.length === 0) return;
  const group: WatchGroup = { label, latest: new Map() };
  for (const c of commands) {
    const k = known(c.id);
    group.latest.set(c.id, k && k.updatedAt >= c.updatedAt ? k : c);
    groupOfCommand.set(c.id, group);
  }
  settle(group);
}

/** Called by the command store with every command that changed. */
export function noteCommandChanges(changed: readonly CommandView[]): void {
  const touched = new Set<WatchGroup>();
  for (const c of changed) {
    const g = groupOfCommand.get(c.id);
    if (!g) continue;
    g.latest.set(c.id, c);
    touched.add(g);
  }
  for (const g of touched) settle(g);
}

/** Ids still waiting for a final status (to re-read them after a reconnect). */
export function openWatchedIds(): string[] {
  return [...groupOfCommand.entries()].filter(([id, g]) => !isFinal(g.latest.get(id)!.status)).map(([id]) => id);
}

function settle(g: WatchGroup): void {
  const all = [...g.latest.values()];
  if (!all.every((c) => isFinal(c.status))) return;
  for (const c of all) groupOfCommand.delete(c.id);
  pushToast(summariseOutcome(g.label, all, robotName));
}
