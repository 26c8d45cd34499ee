'use client';
// The ledger table: newest first, each lifecycle point as the time after issue, in the columns that fit.
import { useCallback, useState } from 'react';
import { useCan } from '@/components/auth/use-me';
import type { CommandView } from '@/server/domain/commands/command';
import { useFleetStore } from '@/components/realtime/fleet-store';
import { useTRPCClient } from '@/components/trpc/trpc-context';
import { DataTable } from '@/components/ui/DataTable';
import { cancelCommand } from '../issue-commands';
import { columnHeads, shownColumns, type LedgerLayout } from './ledger-columns';
import { zoneLabel } from './ledger-time';
import { LedgerRow } from './LedgerRow';

interface Props {
  rows: readonly CommandView[];
  selectedId: string | null;
  layout: LedgerLayout;
  onOpen(id: string): void;
}

export function LedgerTable({ rows, selectedId, layout, onOpen }: Props) {
  const shown = shownColumns(layout);
  const [now] = useState(() => Date.now());
  const robots = useFleetStore((s) => s.robots);
  const client = useTRPCClient();
  const canCancel = useCan('command');
  const [cancelling, setCancelling] = useState<ReadonlySet<string>>(new Set());
  const onCancel = useCallback(
    (id: string) => {
      setCancelling((s) => new Set(s).add(id));
      void cancelCommand(client, id).finally(() =>
        setCancelling((s) => {
          const n = new Set(s);
          n.delete(id);
          return n;
        }),
      );
    },
    [client],
  );
  return (
    <DataTable className={`ledger-table layout-${layout}`} testId="command-ledger" columns={columnHeads(shown, zoneLabel(now))}>
      {rows.map((c) => (
        <LedgerRow
          key={c.id}
          command={c}
          robot={robots[c.robotId]?.serialNumber ?? `#${c.robotId}`}
          shown={shown}
          now={now}
          selected={c.id === selectedId}
          cancelling={cancelling.has(c.id)}
          canCancel={canCancel}
          onOpen={onOpen}
          onCancel={onCancel}
        />
      ))}
    </DataTable>
  );
}
