'use client';
// The zones page's request log: the latest requests of every robot, newest first, narrowed to one zone (or to
// edges) with the filter; polled every few seconds.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTRPC } from '@/components/trpc/trpc-context';
import { TableState } from '@/components/ui/TableState';
import { zonesErrorText } from './zone-format';
import { ZoneRequestTable } from './ZoneRequestTable';
import { type ZoneRequestsInput, zoneRequestsQuery } from './zones-api';

/** The filter's value for "edges only" (zone ids are the other values). */
const EDGES = ' edges';
const LIMIT = 200;

function inputOf(filter: string): ZoneRequestsInput {
  if (filter === '') return { limit: LIMIT };
  if (filter === EDGES) return { kind: 'edge', limit: LIMIT };
  return { kind: 'zone', resource: filter, limit: LIMIT };
}

export function ZoneRequestLog({ zoneIds }: { zoneIds: readonly string[] }) {
  const trpc = useTRPC();
  const [filter, setFilter] = useState('');
  // The previous filter's rows stay while the new ones load, so the table does not blink.
  const q = useQuery({ ...zoneRequestsQuery(trpc, inputOf(filter)), placeholderData: keepPreviousData });
  const headingId = useId();
  const filterId = useId();
  return (
    <section className="card zone-card" aria-labelledby={headingId} data-testid="zone-request-log">
      <div className="zone-card-head">
        <h2 id={headingId}>Recent requests</h2>
        <label htmlFor={filterId} className="zone-filter">
          Show
          <select id={filterId} value={filter} onChange={(e) => setFilter(e.target.value)} data-testid="zone-request-filter">
            <option value="">every zone and edge</option>
            <option value={EDGES}>edges only</option>
            {zoneIds.map((id) => (
              <option key={id} value={id}>
                zone {id}
              </option>
            ))}
          </select>
        </label>
      </div>
      <TableState
        testId="zone-request-log"
        pending={q.isPending}
        failure={q.error && !q.data ? zonesErrorText(q.error) : null}
        retry={() => void q.refetch()}
        rows={q.data?.rows}
        titles={{
          loading: 'Loading requests…',
          failed: 'Could not load the request log',
          empty: filter === '' ? 'No zone or edge requests yet' : 'No requests for this filter',
        }}
        emptyHint="VDA 5050 3.0 robots ask for a RELEASE zone before they enter it; each request and its answer is listed here."
      >
        {(rows) => <ZoneRequestTable rows={rows} withRobot label="Recent zone and edge requests" testId="zone-request-log-table" />}
      </TableState>
      {q.error && q.data ? (
        <p className="bad zone-card-note" role="status">
          Refreshing failed: {zonesErrorText(q.error)}
        </p>
      ) : null}
    </section>
  );
}
