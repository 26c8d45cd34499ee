'use client';
// The request log as a table, newest first: when, (which robot), zone or edge, the robot's request id, the
// decision with its colour, why, and until when a grant's lease runs. Used by the robot page and the zones page.
import type { RequestRecord } from '@/server/domain/zones/zone-types';
import { type Column, DataTable } from '@/components/ui/DataTable';
import { DecisionPill } from './DecisionPill';
import { RobotName } from './RobotName';
import { clockTime } from './zone-format';

interface Props {
  rows: readonly RequestRecord[];
  /** Show the robot column (the zones page; the robot page omits it). */
  withRobot: boolean;
  label: string;
  testId: string;
}

const COLUMNS: readonly (string | Column)[] = [
  'Time',
  'Kind',
  { label: 'Zone / edge', title: 'The zoneId or edgeId requested' },
  { label: 'Request', title: "The robot's requestId" },
  'Decision',
  'Reason',
  { label: 'Lease until', title: 'When a grant ends unless the robot renews it' },
];

export function ZoneRequestTable({ rows, withRobot, label, testId }: Props) {
  const columns = withRobot ? [COLUMNS[0]!, 'Robot', ...COLUMNS.slice(1)] : COLUMNS;
  return (
    <DataTable className="zones-table" testId={testId} label={label} columns={columns}>
      {rows.map((r) => (
        <tr key={r.id} data-testid="zone-request-row" data-decision={r.decision} data-kind={r.kind} data-resource={r.resource}>
          <td className="mono nowrap">{clockTime(r.at)}</td>
          {withRobot ? (
            <td className="nowrap">
              <RobotName id={r.robotId} />
            </td>
          ) : null}
          <td>{r.kind}</td>
          <td className="mono">{r.resource}</td>
          <td className="mono" title={r.requestType}>
            {r.requestId}
          </td>
          <td>
            <DecisionPill decision={r.decision} />
          </td>
          <td className="zone-reason">{r.reason}</td>
          <td className="nowrap">
            {r.leaseExpiry === null ? <span className="muted">—</span> : <span className="mono">{clockTime(r.leaseExpiry)}</span>}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
