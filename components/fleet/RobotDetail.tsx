'use client';
// /robots/[id]: one robot's live details. The first view comes from tRPC fleet.byId; after that the
// throttled live summary from the socket takes over.
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { useFleetStore } from '@/components/realtime/fleet-store';
import { useTRPC } from '@/components/trpc/trpc-context';
import { StateMessage } from '@/components/ui/StateMessage';
import { MiniMap } from './MiniMap';
import { RobotFacts } from './RobotFacts';

type Tab = 'details' | 'protocol';

export function RobotDetail({ id }: { id: number }) {
  const trpc = useTRPC();
  const live = useFleetStore((s) => s.robots[id]);
  const initial = useQuery({ ...trpc.fleet.byId.queryOptions({ id }), enabled: !live, retry: false });
  const map = useQuery(trpc.map.get.queryOptions());
  const [tab, setTab] = useState<Tab>('details');
  const robot = live ?? initial.data;

  if (!robot) {
    if (initial.error) return <StateMessage title={`Robot #${id} not found`}>{initial.error.message}</StateMessage>;
    return <StateMessage title={`Loading robot #${id}…`} busy />;
  }
  return (
    <div className="detail">
      <header className="detail-header">
        <Link href="/" className="muted">
          ← Fleet
        </Link>
        <h1>
          {robot.name || robot.serialNumber} <span className="muted">#{robot.id}</span>
        </h1>
        <div role="tablist" className="tabs">
          <button type="button" role="tab" aria-selected={tab === 'details'} onClick={() => setTab('details')}>
            Details
          </button>
          <button type="button" role="tab" aria-selected={tab === 'protocol'} onClick={() => setTab('protocol')}>
            Protocol inspector
          </button>
        </div>
      </header>
      {tab === 'details' ? (
        <div className="detail-body">
          <section className="card">
            <h2>Live state {live ? '' : <span className="muted">(waiting for live feed)</span>}</h2>
            <RobotFacts robot={robot} />
          </section>
          <section className="card">
            <h2>Position</h2>
            {map.data ? <MiniMap map={map.data} robotId={robot.id} /> : <StateMessage title="Loading map…" busy />}
          </section>
        </div>
      ) : (
        <section className="card">
          <h2>Protocol inspector — coming with the protocol inspector issue</h2>
          <p className="muted">
            It will show this robot&apos;s raw VDA 5050 messages (state, visualization, connection, order,
            instantActions) as they pass through the gateway. Nothing is recorded for it yet.
          </p>
        </section>
      )}
    </div>
  );
}
