'use client';
// Audit entries, newest first: when, who, what, on what, how it ended, from where, and the detail as JSON.
import { memo } from 'react';
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
      <td className="mono">{e.target ?? ''}</td>
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
