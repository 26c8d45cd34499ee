'use client';
// The zones (or held edges) as a table, one row each, with the revoke confirmation for operators. The Revoke column
// exists only for roles that may command (the server refuses the others anyway).
import { useCan } from '@/components/auth/use-me';
import { ACTIONS_COLUMN, type Column, DataTable } from '@/components/ui/DataTable';
import { type ResourceLine, ResourceRow } from './ResourceRow';
import { RevokeDialog } from './RevokeDialog';
import { useZoneRevoke } from './use-zone-revoke';

const COLUMNS: readonly (string | Column)[] = [
  'Type',
  'State',
  'Holder',
  { label: 'Lease left', title: 'Until the grant ends unless the holder renews it' },
  { label: 'Queue', title: 'Robots waiting, first in line first' },
];

interface Props {
  lines: readonly ResourceLine[];
  /** Heading of the first column ("Zone", "Edge"). */
  nameColumn: string;
  now: number;
  label: string;
  testId: string;
  /** RELEASE zones' releaseLossBehavior by id, for the confirmation's words. */
  lossBehaviour?: ReadonlyMap<string, string>;
}

export function ResourceTable({ lines, nameColumn, now, label, testId, lossBehaviour }: Props) {
  const canRevoke = useCan('command');
  const revoke = useZoneRevoke();
  return (
    <>
      <DataTable
        className="zones-table"
        testId={testId}
        label={label}
        columns={[nameColumn, ...COLUMNS, ...(canRevoke ? [ACTIONS_COLUMN] : [])]}
      >
        {lines.map((line) => (
          <ResourceRow key={`${line.kind}:${line.id}`} line={line} now={now} canRevoke={canRevoke} onRevoke={revoke.open} />
        ))}
      </DataTable>
      {revoke.target ? (
        <RevokeDialog
          target={revoke.target}
          lossBehaviour={lossBehaviour?.get(revoke.target.id)}
          busy={revoke.busy}
          error={revoke.error}
          onConfirm={() => void revoke.confirm()}
          onCancel={revoke.cancel}
        />
      ) : null}
    </>
  );
}
