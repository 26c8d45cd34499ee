'use client';
// Audit entries, newest first: when, who, what, on what, how it ended, from where, and the detail as JSON.
import { memo } from 'react';
import { useFleetStore } from '@/components/realtime/fleet-store';
import { DataTable } from '@/components/ui/DataTable';
import type { AuditRowView } from './admin-types';
import { formatDateTime, isoOf } from './time-format';

const COLUMNS = ['Time', 'Actor', 'Action', 'Target', 'Outcome', 'Address', 'Detail'] as const;
const TONE = { ok: 'tone-ok', denied: 'tone-bad', failed: 'tone-warn' } as const;

export function AuditTable({ rows }: { rows: readonly AuditRowView[] }) {
  return (
    <DataTable className="admin-table" testId="audit-table" columns={COLUMNS}>
      {rows.map((e) => (
        <AuditRow key={e.seq} entry={e} />
      ))}
    </DataTable>
  );
}

const AuditRow = memo(function AuditRow({ entry: e }: { entry: AuditRowView }) {
  const detail = e.detail ? JSON.stringify(e.detail) : '';
  return (
    <tr data-testid="audit-row" data-seq={e.seq} data-action={e.action} data-outcome={e.outcome} data-actor={e.actor}>
      <td className="mono" title={isoOf(e.at)}>
        {formatDateTime(e.at)}
      </td>
      <td>{e.actor}</td>
      <td className="mono">{e.action}</td>
      <td className="mono target">
        <AuditTarget target={e.target} />
      </td>
      <td>
        <span className={`pill ${TONE[e.outcome]}`}>{e.outcome}</span>
      </td>
      <td className="mono muted">{e.address ?? ''}</td>
      <td className="detail" title={detail}>
        {detail}
      </td>
    </tr>
  );
});

/** Commands and faults are audited against `robot <id>`: people know the robot by its serial number, shown first. */
const ROBOT_TARGET = /^robot (\d+)$/;

function AuditTarget({ target }: { target: string | null }) {
  const robotId = target ? Number(ROBOT_TARGET.exec(target)?.[1] ?? Number.NaN) : Number.NaN;
  const serial = useFleetStore((s) => (Number.isNaN(robotId) ? null : (s.robots[robotId]?.serialNumber ?? null)));
  if (serial === null) return <>{target ?? ''}</>;
  return (
    <span data-testid="audit-target-robot" title={`robot id ${robotId}`}>
      {serial} <span className="muted">({target})</span>
    </span>
  );
}
