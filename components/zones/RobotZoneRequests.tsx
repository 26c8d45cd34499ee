'use client';
// The robot page's Zones tab: the zone and edge requests this robot made and what fleet control answered, newest
// first, polled every few seconds. Only VDA 5050 3.0 robots make such requests, so the empty state says so.
import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useTRPC } from '@/components/trpc/trpc-context';
import { TableState } from '@/components/ui/TableState';
import { zonesErrorText } from './zone-format';
import { ZoneRequestTable } from './ZoneRequestTable';
import { zoneRequestsQuery } from './zones-api';
import './zones.css';

interface Props {
  robotId: number;
  /** The robot's VDA 5050 version (null until known), to explain an empty log. */
  protocolVersion: string | null;
}

export function RobotZoneRequests({ robotId, protocolVersion }: Props) {
  const trpc = useTRPC();
  const q = useQuery(zoneRequestsQuery(trpc, { robotId }));
  const headingId = useId();
  const speaks3 = protocolVersion?.startsWith('3') ?? false;
  return (
    <section className="card zone-card" aria-labelledby={headingId} data-testid="robot-zone-requests">
      <h2 id={headingId}>Zone and edge requests</h2>
      <p className="muted zone-card-note">
        Requests to enter a zone or drive an edge, and fleet control's answer (GRANTED, QUEUED, REJECTED, REVOKED) with its lease. Refreshed
        every few seconds.
      </p>
      <TableState
        testId="robot-zone-requests"
        pending={q.isPending}
        failure={q.error && !q.data ? zonesErrorText(q.error) : null}
        retry={() => void q.refetch()}
        rows={q.data?.rows}
        titles={{
          loading: 'Loading zone and edge requests…',
          failed: 'Could not load the zone and edge requests',
          empty: 'This robot has made no zone or edge requests',
        }}
        emptyHint={
          <>
            Only VDA 5050 3.0 robots ask fleet control for zones and edges
            {protocolVersion && !speaks3 ? `; this robot speaks ${protocolVersion}.` : '.'}
          </>
        }
      >
        {(rows) => (
          <ZoneRequestTable rows={rows} withRobot={false} label="Zone and edge requests of this robot" testId="zone-request-table" />
        )}
      </TableState>
      {q.error && q.data ? (
        <p className="bad zone-card-note" role="status">
          Refreshing failed: {zonesErrorText(q.error)}
        </p>
      ) : null}
    </section>
  );
}
