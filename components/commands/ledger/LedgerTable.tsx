'use client';
// The ledger table: newest first, with lifecycle timings as deltas (issued → dispatched → acknowledged → done).
import { useCallback, useState } from 'react';
import { useCan } from '@/components/auth/use-me';
import type { CommandView } from '@/server/domain/commands/command';
import { useFleetStore } from '@/components/realtime/fleet-store';
import { useTRPCClient } from '@/components/trpc/trpc-context';
import { ACTIONS_COLUMN, DataTable, type Column } from '@/components/ui/DataTable';
import { cancelCommand } from '../issue-commands';
import { LedgerRow } from './LedgerRow';

const COLUMNS: readonly (string | Column)[] = [
  'Issued',
  'Robot',
  'Command',
  'Parameters',
  'Status',
  { label: 'Dispatched', title: 'issued → dispatched' },
  { label: 'Acknowledged', title: 'dispatched → acknowledged by the robot' },
  { label: 'Done', title: 'acknowledged → final status' },
  'Issuer',
  { label: 'Attempts', title: 'MQTT messages sent (first send and resends)' },
  'Outcome',
  ACTIONS_COLUMN,
];

interface Props {
  rows: readonly CommandView[];
  selectedId: string | null;
  onOpen(id: string): void;
}

export function LedgerTable({ rows, selectedId, onOpen }: Props) {
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
    <DataTable className="ledger-table" testId="command-ledger" columns={COLUMNS}>
      {rows.map((c) => (
        <LedgerRow
          key={c.id}
          command={c}
          robot={robots[c.robotId]?.serialNumber ?? `#${c.robotId}`}
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
