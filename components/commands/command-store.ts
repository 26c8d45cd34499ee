// Commands seen live in this tab (from commands:update and from our own mutations), newest version of each.
// Lists loaded over tRPC overlay this store instead of refetching on every update.
import { create } from 'zustand';
import type { CommandView } from '@/server/domain/commands/command';
import { boundCommands, isNewer } from './command-merge';
import { noteCommandChanges } from './command-outcomes';

const MAX_KEPT = 2000;

interface CommandLiveState {
  byId: Record<string, CommandView>;
  /** Bumped after a socket reconnect: updates may have been missed, so lists reload once. */
  resyncs: number;
}

export const useCommandStore = create<CommandLiveState>()(() => ({ byId: {}, resyncs: 0 }));

/** Applies a batch of changed commands; older versions than the ones held are ignored. */
export function applyCommandUpdates(commands: readonly CommandView[]): void {
  const prev = useCommandStore.getState().byId;
  let next: Record<string, CommandView> | null = null;
  const changed: CommandView[] = [];
  for (const c of commands) {
    if (!isNewer((next ?? prev)[c.id], c)) continue;
    next ??= { ...prev };
    next[c.id] = c;
    changed.push(c);
  }
  if (!next) return;
  useCommandStore.setState({ byId: boundCommands(next, MAX_KEPT) });
  noteCommandChanges(changed);
}

export function noteCommandResync(): void {
  useCommandStore.setState((s) => ({ resyncs: s.resyncs + 1 }));
}
