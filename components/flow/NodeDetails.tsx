'use client';
// A node's details (kind-specific figures) and the sampled messages that recently passed it (architect, admin).
import { useQuery } from '@tanstack/react-query';
import { NeedsRole } from '@/components/auth/Can';
import { useCapability } from '@/components/auth/use-me';
import type { FlowNode } from '@/server/domain/flow/topology';
import { useTRPC } from '@/components/trpc/trpc-context';
import { nodeFacts } from './node-facts';
import { TraceList } from './TraceList';

export function NodeDetails({ node, onOpenTrace }: { node: FlowNode; onOpenTrace(id: string): void }) {
  const trpc = useTRPC();
  const inspect = useCapability('inspect');
  const recent = useQuery({
    ...trpc.flow.recent.queryOptions({ nodes: [node.id], limit: 15 }),
    refetchInterval: 2000,
    enabled: inspect === 'yes',
  });
  return (
    <section data-testid="node-details" data-node-id={node.id}>
      <h2>{node.label}</h2>
      <p className="mono muted">{node.id}</p>
      <dl className="facts">
        {/* Re-rendered with every push of the graph (about once a second), so "… s ago" stays current. */}
        {nodeFacts(node.details, Date.now()).map((f) => (
          <div key={f.key} className="contents" data-testid="node-fact" data-key={f.key}>
            <dt title={f.key}>{f.label}</dt>
            <dd className="mono" title={f.title}>
              {f.value}
            </dd>
          </div>
        ))}
      </dl>
      <h3>Recent sampled messages</h3>
      {inspect === 'yes' ? (
        <TraceList
          traces={recent.data ?? []}
          onOpen={onOpenTrace}
          empty={recent.isError ? recent.error.message : 'No sampled message passed here recently.'}
        />
      ) : inspect === 'no' ? (
        <NeedsRole capability="inspect" what="Sampled messages" plural />
      ) : null}
    </section>
  );
}
