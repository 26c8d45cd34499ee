'use client';
// The /zones page: every zone of the site with its holder, lease and queue (polled every 2 s), the edges robots
// hold or wait for, operators' Revoke, and below them the recent request log filterable by zone.
import { useQuery } from '@tanstack/react-query';
import { useId, useMemo } from 'react';
import { useFleetStore } from '@/components/realtime/fleet-store';
import { useTRPC } from '@/components/trpc/trpc-context';
import { TableState } from '@/components/ui/TableState';
import type { ResourceLine } from './ResourceRow';
import { ResourceTable } from './ResourceTable';
import { useServerNow } from './use-now';
import { zonesErrorText, zoneTypeText, zoneViewNotice, zoneViewOrigin } from './zone-format';
import { ZoneRequestLog } from './ZoneRequestLog';
import { ZONES_POLL_MS, type ZonesOverview, zonesOverviewQuery } from './zones-api';
import './zones.css';

function zoneLines(o: ZonesOverview | undefined): ResourceLine[] {
  return (o?.zones ?? []).map((z) => ({
    kind: 'zone',
    id: z.zoneId,
    typeText: zoneTypeText(z.zoneType),
    descriptor: z.zoneDescriptor,
    status: z.status,
  }));
}

function edgeLines(o: ZonesOverview | undefined): ResourceLine[] {
  return (o?.edges ?? []).map((e) => ({ kind: 'edge', id: e.id, typeText: 'Edge', status: e }));
}

export function ZonesPanel() {
  const trpc = useTRPC();
  const q = useQuery(zonesOverviewQuery(trpc));
  const now = useServerNow(1000);
  const connection = useFleetStore((s) => s.connection);
  const zones = useMemo(() => zoneLines(q.data), [q.data]);
  const edges = useMemo(() => edgeLines(q.data), [q.data]);
  const zoneIds = useMemo(() => zones.map((z) => z.id), [zones]);
  const lossBehaviour = useMemo(
    () => new Map((q.data?.zones ?? []).flatMap((z) => (z.releaseLossBehavior ? [[z.zoneId, z.releaseLossBehavior] as const] : []))),
    [q.data],
  );
  const notice = q.data ? zoneViewNotice(q.data.source, now) : null;
  const zonesHeading = useId();
  const edgesHeading = useId();
  return (
    <div className="zones-page" data-testid="zones-panel">
      <header className="zones-header">
        <h1>Zones</h1>
        <span className="muted" role="status">
          {q.data ? `Zone set ${q.data.zoneSetId} on map ${q.data.mapId} · ${zoneViewOrigin(q.data.source)}` : ''}
          refreshed every {ZONES_POLL_MS / 1000} s{connection === 'live' ? '' : ' · robot names may be behind (reconnecting)'}
        </span>
      </header>
      {notice ? (
        <p className={`zone-view-notice ${notice.tone}`} role="alert" data-testid="zone-view-notice">
          {notice.text}
        </p>
      ) : null}
      <section className="card zone-card" aria-labelledby={zonesHeading}>
        <h2 id={zonesHeading}>Zones and who holds them</h2>
        <p className="muted zone-card-note">
          A RELEASE zone admits one robot at a time: the others wait in its queue until the holder leaves or its lease ends.
        </p>
        <TableState
          testId="zones"
          pending={q.isPending}
          failure={q.error && !q.data ? zonesErrorText(q.error) : null}
          retry={() => void q.refetch()}
          rows={zones}
          titles={{ loading: 'Loading zones…', failed: 'Could not load the zones', empty: 'This site has no zones' }}
          emptyHint="Zones come from the site layout; without any, each dock gets a RELEASE zone."
        >
          {(rows) => (
            <ResourceTable lines={rows} nameColumn="Zone" now={now} label="Zones" testId="zones-table" lossBehaviour={lossBehaviour} />
          )}
        </TableState>
        {q.error && q.data ? (
          <p className="bad zone-card-note" role="status">
            Refreshing failed: {zonesErrorText(q.error)}
          </p>
        ) : null}
      </section>
      {edges.length > 0 ? (
        <section className="card zone-card" aria-labelledby={edgesHeading}>
          <h2 id={edgesHeading}>Edges held or waited for</h2>
          <ResourceTable lines={edges} nameColumn="Edge" now={now} label="Edges held or waited for" testId="edges-table" />
        </section>
      ) : null}
      <ZoneRequestLog zoneIds={zoneIds} />
    </div>
  );
}
