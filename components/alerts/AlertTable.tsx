'use client';
// The alerts table: severity, title, rule, robot, opened, state, who acknowledged, flaps and the actions; every
// column but the actions sorts it from its header.
import type { AlertView } from '@/server/domain/alerts/alert';
import { useFleetStore } from '@/components/realtime/fleet-store';
import type { SortDir } from '@/components/ui/list-query';
import { SortableTable, type SortColumn } from '@/components/ui/SortableTable';
import { ACTIONS_COLUMN } from '@/components/ui/DataTable';
import { type AlertAction, AlertRow } from './AlertRow';
import { useNow } from './use-now';

const COLUMNS: readonly SortColumn[] = [
  { label: 'Severity', sortKey: 'severity' },
  { label: 'Alert', sortKey: 'title' },
  { label: 'Rule', sortKey: 'rule' },
  { label: 'Robot', sortKey: 'robot' },
  { label: 'Opened', sortKey: 'opened', title: 'How long ago, and the local date and time' },
  { label: 'State', sortKey: 'state' },
  { label: 'Acknowledged', sortKey: 'acknowledged' },
  { label: 'Flaps', sortKey: 'flaps', title: 'Times the condition cleared and came back while the alert was open' },
  ACTIONS_COLUMN,
];

interface Props {
  rows: readonly AlertView[];
  selectedId: string | null;
  canAct: boolean;
  canInspect: boolean;
  onAction(alert: AlertView, action: AlertAction): void;
  sort: string;
  dir: SortDir;
  onSort(key: string): void;
}

export function AlertTable({ rows, selectedId, canAct, canInspect, onAction, sort, dir, onSort }: Props) {
  const robots = useFleetStore((s) => s.robots);
  // Relative times move on every 15 s; rows re-render only then or when their alert changed.
  const now = useNow(15_000);
  return (
    <SortableTable className="alerts-table" testId="alerts-table" columns={COLUMNS} sort={sort} dir={dir} onSort={onSort}>
      {rows.map((a) => (
        <AlertRow
          key={a.id}
          alert={a}
          robot={a.robotId === null ? null : (robots[a.robotId]?.serialNumber ?? null)}
          now={now}
          selected={a.id === selectedId}
          canAct={canAct}
          canInspect={canInspect}
          onAction={onAction}
        />
      ))}
    </SortableTable>
  );
}
