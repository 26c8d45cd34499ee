'use client';
// The alerts table: severity, title, rule, robot, opened, state, who acknowledged, flaps and the actions.
import type { AlertView } from '@/server/domain/alerts/alert';
import { useFleetStore } from '@/components/realtime/fleet-store';
import { ACTIONS_COLUMN, DataTable, type Column } from '@/components/ui/DataTable';
import { type AlertAction, AlertRow } from './AlertRow';
import { useNow } from './use-now';

const COLUMNS: readonly (string | Column)[] = [
  'Severity',
  'Alert',
  'Rule',
  'Robot',
  'Opened',
  'State',
  'Acknowledged',
  { label: 'Flaps', title: 'Times the condition cleared and came back while the alert was open' },
  ACTIONS_COLUMN,
];

interface Props {
  rows: readonly AlertView[];
  selectedId: string | null;
  canAct: boolean;
  canInspect: boolean;
  onAction(alert: AlertView, action: AlertAction): void;
}

export function AlertTable({ rows, selectedId, canAct, canInspect, onAction }: Props) {
  const robots = useFleetStore((s) => s.robots);
  // Relative times move on every 15 s; rows re-render only then or when their alert changed.
  const now = useNow(15_000);
  return (
    <DataTable className="alerts-table" testId="alerts-table" columns={COLUMNS}>
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
    </DataTable>
  );
}
