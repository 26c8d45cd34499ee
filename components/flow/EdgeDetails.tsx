'use client';
// An edge's figures over the window, its latency histogram and sampled messages that crossed it (architect, admin).
import { useQuery } from '@tanstack/react-query';
import { NeedsRole } from '@/components/auth/Can';
import { useCapability } from '@/components/auth/use-me';
import type { FlowEdge } from '@/server/domain/flow/topology';
import { useTRPC } from '@/components/trpc/trpc-context';
import { edgeBytes, ms, rate } from './flow-format';
import { LatencyHistogram } from './LatencyHistogram';
import { TraceList } from './TraceList';

export function EdgeDetails({
  edge,
  windowSeconds,
  onOpenTrace,
}: {
  edge: FlowEdge;
  windowSeconds: number;
  onOpenTrace(id: string): void;
}) {
  const trpc = useTRPC();
  const inspect = useCapability('inspect');
  const samples = useQuery({
    ...trpc.flow.recent.queryOptions({ nodes: [edge.source, edge.target], limit: 15 }),
    refetchInterval: 2000,
    enabled: inspect === 'yes',
  });
  return (
    <section data-testid="edge-details" data-edge-id={edge.id} data-health={edge.health}>
      <h2>
        {edge.source} → {edge.target}
      </h2>
      <p className="muted">
        Last {windowSeconds} s · health <strong className={`health-text-${edge.health}`}>{edge.health}</strong>
      </p>
      <dl className="facts">
        <dt>carries</dt>
        <dd>{edge.transport === 'in-process' ? 'objects, inside the app process' : 'serialised messages (wire or table)'}</dd>
        <dt>messages</dt>
        <dd className="mono">{rate(edge.msgsPerSec)}</dd>
        <dt>bytes</dt>
        <dd className="mono" title={edgeBytes(edge).title}>
          {edgeBytes(edge).text}
        </dd>
        <dt>p50 / p99</dt>
        <dd className="mono">
          {ms(edge.p50Ms)} / {ms(edge.p99Ms)}
        </dd>
        <dt>errors / drops</dt>
        <dd className="mono">
          {edge.errors} / {edge.drops}
        </dd>
        <dt>backlog</dt>
        <dd className="mono">{edge.backlog === null ? '— (not measured)' : `${edge.backlog.toLocaleString('en-US')} waiting`}</dd>
        <dt>since start</dt>
        <dd className="mono">{edge.totals.messages.toLocaleString()} msgs</dd>
      </dl>
      <h3>Latency ({edge.latencyMeans})</h3>
      <LatencyHistogram counts={edge.histogram} />
      <h3>Sampled messages</h3>
      {inspect === 'yes' ? (
        <TraceList
          traces={samples.data ?? []}
          onOpen={onOpenTrace}
          empty={samples.isError ? samples.error.message : 'No sampled message crossed this edge recently.'}
        />
      ) : inspect === 'no' ? (
        <NeedsRole capability="inspect" what="Sampled messages" plural />
      ) : null}
    </section>
  );
}
