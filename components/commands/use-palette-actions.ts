'use client';
// The palette's actions for the current selection and page.
import { useRouter } from 'next/navigation';
import { useMemo } from 'react';
import { COMMAND_TYPES } from '@/server/domain/commands/command';
import { useFleetStore } from '@/components/realtime/fleet-store';
import { useTRPCClient } from '@/components/trpc/trpc-context';
import { COMMAND_LABEL } from './command-format';
import { setStopAllOpen } from './command-flow-store';
import { robotName } from './command-outcomes';
import { issueCommands } from './issue-commands';
import type { PaletteAction } from './palette-actions';
import { robotsLabel } from './robots-label';
import { useStartCommand } from './use-start-command';

export function usePaletteActions(): PaletteAction[] {
  const selected = useFleetStore((s) => s.selectedIds);
  const ids = useFleetStore((s) => s.ids);
  const start = useStartCommand();
  const client = useTRPCClient();
  const router = useRouter();
  return useMemo(() => {
    const who = robotsLabel(selected, robotName);
    const out: PaletteAction[] = [];
    if (selected.length > 0) {
      for (const type of COMMAND_TYPES) {
        out.push({
          id: `cmd-${type}`,
          label: COMMAND_LABEL[type],
          hint: who,
          keywords: `${type} command`,
          run: () => start(type, selected),
        });
      }
    }
    out.push(
      {
        id: 'stop',
        label: selected.length ? `Stop ${selected.length} selected` : 'Stop all robots',
        hint: 'pause, with confirmation',
        keywords: 'halt emergency pause',
        run: () => setStopAllOpen(true),
      },
      {
        id: 'resume-all',
        label: 'Resume all robots',
        hint: `${ids.length} robots`,
        keywords: 'continue unpause fleet',
        run: () => void issueCommands(client, { type: 'resume', robotIds: ids }),
      },
      {
        id: 'select-all',
        label: 'Select all robots',
        keywords: 'selection fleet',
        run: () => useFleetStore.getState().selectMany(ids, false),
      },
    );
    if (selected.length > 0)
      out.push({ id: 'clear', label: 'Clear selection', keywords: 'deselect none', run: () => useFleetStore.getState().select(null) });
    out.push(
      { id: 'nav-ledger', label: 'Open the command ledger', keywords: 'commands history page', run: () => router.push('/commands') },
      { id: 'nav-fleet', label: 'Open the live fleet view', keywords: '3d map page', run: () => router.push('/') },
    );
    return out;
  }, [selected, ids, start, client, router]);
}
