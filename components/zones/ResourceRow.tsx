'use client';
// One zone (or edge) of the zones page: what it is, whether it is free, who holds it and for how long, who waits,
// and for operators a Revoke button that opens the confirmation.
import type { ResourceKind, ResourceStatus } from '@/server/domain/zones/zone-types';
import { RobotName, useRobotName } from './RobotName';
import { leaseLeftText, OCCUPANCY_TEXT, occupancyOf } from './zone-format';
import type { RevokeTarget } from './use-zone-revoke';

export interface ResourceLine {
  kind: ResourceKind;
  id: string;
  /** Zone type in words ("Release"), or "Edge". */
  typeText: string;
  descriptor?: string;
  status: ResourceStatus | null;
}

interface Props {
  line: ResourceLine;
  now: number;
  canRevoke: boolean;
  onRevoke(target: RevokeTarget): void;
}

export function ResourceRow({ line, now, canRevoke, onRevoke }: Props) {
  const { kind, id, status } = line;
  const holder = status?.holder ?? null;
  const occupancy = occupancyOf(status);
  const holderName = useRobotName(holder?.robotId ?? -1);
  return (
    <tr
      data-testid={`${kind}-row-${id}`}
      data-occupancy={occupancy}
      data-holder-id={holder?.robotId}
      className={occupancy === 'free' ? undefined : `occupancy-${occupancy}`}
    >
      <th scope="row" className="zone-name">
        <span className="mono">{id}</span>
        {line.descriptor ? <span className="muted zone-descriptor">{line.descriptor}</span> : null}
      </th>
      <td>{line.typeText}</td>
      <td>
        <span className={`zone-pill occupancy-pill occupancy-${occupancy}`} data-testid="zone-occupancy">
          {OCCUPANCY_TEXT[occupancy]}
        </span>
      </td>
      <td className="nowrap" data-testid="zone-holder">
        {holder ? (
          <>
            <RobotName id={holder.robotId} />
            {holder.revoked ? <span className="bad"> (revoked)</span> : null}
          </>
        ) : (
          <span className="muted">—</span>
        )}
      </td>
      <td className="nowrap mono">{holder ? leaseLeftText(holder.leaseExpiry, now) : <span className="muted">—</span>}</td>
      <td data-testid="zone-queue">
        {status && status.queue.length > 0 ? (
          <ol className="zone-queue" aria-label={`${status.queue.length} waiting`}>
            {status.queue.map((w) => (
              <li key={w.requestId}>
                <RobotName id={w.robotId} />
              </li>
            ))}
          </ol>
        ) : (
          <span className="muted">—</span>
        )}
      </td>
      {canRevoke ? (
        <td className="actions">
          {holder && !holder.revoked ? (
            <button
              type="button"
              className="small-button danger"
              onClick={() => onRevoke({ kind, id, holderName })}
              aria-label={`Revoke ${id} from ${holderName}`}
              data-testid={`${kind}-revoke-${id}`}
            >
              Revoke
            </button>
          ) : null}
        </td>
      ) : null}
    </tr>
  );
}
