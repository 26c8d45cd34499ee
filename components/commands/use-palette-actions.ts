'use client';
// The palette's actions for the current selection and page, and the robots it can find by serial or name.
import { useRouter } from 'next/navigation';
import { useMemo } from 'react';
import { COMMAND_TYPES } from '@/server/domain/commands/command';
import { useFleetStore } from '@/components/realtime/fleet-store';
import { useTRPCClient } from '@/components/trpc/trpc-context';
import { COMMAND_LABEL } from './command-format';
import { openFlow, setStopAllOpen } from './command-flow-store';
import { robotName } from './command-outcomes';
import { stopRobots } from './issue-commands';
import type { PaletteAction } from './palette-actions';
import { robotActions } from './palette-robots';
import { robotsLabel } from './robots-label';
import { useStartCommand } from './use-start-command';

export function usePaletteActions(): PaletteAction[] {
  const selected = useFleetStore((s) => s.selectedIds);
  const ids = useFleetStore((s) => s.ids);
  // The robots' identities, not their live state: the list is rebuilt when the fleet changes, not per frame.
  const robots = useFleetStore((s) => s.robots);
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
    out.push({
      id: 'stop',
      label: 'Stop all robots',
      hint: `${ids.length} robots, with confirmation`,
      keywords: 'halt emergency pause fleet',
      run: () => setStopAllOpen(true),
    });
    if (selected.length > 0)
      out.push({
        id: 'pause-selected',
        label: `Pause ${selected.length} selected`,
        hint: who,
        keywords: 'stop halt selection',
        run: () => void stopRobots(client, [...selected]).catch(() => undefined),
      });
    out.push(
      {
        id: 'resume-all',
        label: 'Resume all robots',
        hint: `${ids.length} robots, with confirmation`,
        keywords: 'continue unpause fleet',
        run: () => openFlow({ type: 'resume', robotIds: [...ids], step: 'confirm', fleetWide: true }),
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
    const follow = (id: number) => {
      const fleet = useFleetStore.getState();
      fleet.select(id);
      fleet.setFollow(true);
      if (window.location.pathname !== '/') router.push('/');
    };
    out.push(
      ...robotActions(
        ids.map((id) => robots[id]).filter((r) => r !== undefined),
        { follow, open: (id) => router.push(`/robots/${id}`) },
      ),
    );
    return out;
  }, [selected, ids, robots, start, client, router]);
}
