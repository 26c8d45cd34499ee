'use client';
// /robots/[id]: one robot's live details, its commands, history, zone and edge requests and protocol inspector. The
// page has checked that the robot exists; the first view comes from tRPC fleet.byId, after that the throttled live
// summary from the socket takes over.
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { useFleetStore } from '@/components/realtime/fleet-store';
import { RobotCommands } from '@/components/commands';
import { useTRPC } from '@/components/trpc/trpc-context';
import { RobotHistory } from '@/components/history';
import { ProtocolInspector } from '@/components/inspector';
import { FaultInjection } from '@/components/sim';
import { RobotZoneRequests } from '@/components/zones';
import { StateMessage } from '@/components/ui/StateMessage';
import { robotStatus } from '@/server/domain/robot';
import { DetailTabs, tabLabelledBy, tabPanelId, type DetailTab } from './DetailTabs';
import { MiniMap } from './MiniMap';
import { RobotFacts } from './RobotFacts';
import { StatusBadge } from './StatusBadge';
import './fleet.css';

export function RobotDetail({ id }: { id: number }) {
  const trpc = useTRPC();
  const live = useFleetStore((s) => s.robots[id]);
  const initial = useQuery({ ...trpc.fleet.byId.queryOptions({ id }), enabled: !live, retry: false });
  const map = useQuery(trpc.map.get.queryOptions());
  const [tab, setTab] = useState<DetailTab>('live');
  const robot = live ?? initial.data;

  if (!robot) {
    if (initial.error) return <StateMessage title={`Robot id ${id} not found`}>{initial.error.message}</StateMessage>;
    return <StateMessage title={`Loading robot id ${id}…`} busy />;
  }
  return (
    <div className="detail">
      <header className="detail-header">
        <Link href="/" className="muted">
          ← Fleet
        </Link>
        <h1>
          {robot.name || robot.serialNumber} <span className="muted detail-id">robot id {robot.id}</span>
        </h1>
        <span className="detail-status">
          <StatusBadge status={robotStatus(robot)} stale={robot.stale === true} />{' '}
          {/* No ?at=: the why view takes the moment it opens (and puts it in the URL). */}
          <Link href={`/robots/${robot.id}/why`} prefetch={false} data-testid="why-link">
            Why did it stop?
          </Link>
        </span>
        <DetailTabs tab={tab} onChange={setTab} />
      </header>
      <div role="tabpanel" id={tabPanelId(tab)} aria-labelledby={tabLabelledBy(tab)}>
        {tab === 'live' ? (
          <div className="detail-body">
            <div className="detail-column">
              <section className="card">
                <h2>Live state {live ? '' : <span className="muted">(waiting for live feed)</span>}</h2>
                <RobotFacts robot={robot} />
              </section>
              <div className="card detail-commands">
                <RobotCommands robotId={robot.id} />
              </div>
              <FaultInjection robotId={robot.id} serialNumber={robot.serialNumber} className="card" />
            </div>
            <section className="card">
              <h2>Position</h2>
              {map.data ? <MiniMap map={map.data} robotId={robot.id} /> : <StateMessage title="Loading map…" busy />}
            </section>
          </div>
        ) : tab === 'history' ? (
          <RobotHistory robotId={robot.id} />
        ) : tab === 'zones' ? (
          <RobotZoneRequests robotId={robot.id} protocolVersion={robot.protocolVersion} />
        ) : (
          <ProtocolInspector robotId={robot.id} />
        )}
      </div>
    </div>
  );
}
