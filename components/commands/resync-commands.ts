// After the live socket reconnects, updates sent meanwhile are lost: lists reload once, and the commands this
// tab still waits on for a toast are read again.
import type { CommandView } from '@/server/domain/commands/command';
import { openWatchedIds } from './command-outcomes';
import { applyCommandUpdates, noteCommandResync } from './command-store';
import type { CommandClient } from './issue-commands';

export async function resyncCommands(client: CommandClient): Promise<void> {
  noteCommandResync();
  const ids = openWatchedIds();
  const found = await Promise.allSettled(ids.map((id) => client.commands.byId.query({ id })));
  const commands: CommandView[] = [];
  for (const r of found) if (r.status === 'fulfilled') commands.push(r.value.command);
  applyCommandUpdates(commands);
}
