'use client';
// The ledger table: newest first, with lifecycle timings as deltas (issued → dispatched → acknowledged → done).
import { useCallback, useState } from 'react';
import { useCan } from '@/components/auth/use-me';
import type { CommandView } from '@/server/domain/commands/command';
import { useFleetStore } from '@/components/realtime/fleet-store';
import { useTRPCClient } from '@/components/trpc/trpc-context';
import { cancelCommand } from '../issue-commands';
import { LedgerRow } from './LedgerRow';

interface Props {
  rows: CommandView[];
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
    <table className="ledger-table" data-testid="command-ledger">
      <thead>
        <tr>
          <th scope="col">Issued</th>
          <th scope="col">Robot</th>
          <th scope="col">Command</th>
          <th scope="col">Parameters</th>
          <th scope="col">Status</th>
          <th scope="col" title="issued → dispatched">Dispatched</th>
          <th scope="col" title="dispatched → acknowledged by the robot">Acknowledged</th>
          <th scope="col" title="acknowledged → final status">Done</th>
          <th scope="col">Issuer</th>
          <th scope="col" title="MQTT messages sent (first send and resends)">Attempts</th>
          <th scope="col">Outcome</th>
          <th scope="col">
            <span className="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
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
      </tbody>
    </table>
  );
}
