// The robot's current order as its latest valid state message reports it: ids, the last node reached and the
// nodes and edges still ahead (released = base, not released = horizon).
import type { RecentMessage } from '@/server/ports/robot-protocol-reader';
import { formatClock } from './message-format';
import { readOrderSnapshot, type OrderSnapshot } from './state-payload';

export function OrderPanel({ state }: { state: RecentMessage | null }) {
  const o: OrderSnapshot | null = state ? readOrderSnapshot(state.payload) : null;
  return (
    <section className="card" data-testid="order-panel" aria-label="Current order">
      <h2>Current order</h2>
      {!state || !o ? (
        <p className="muted">No valid state message from this robot yet.</p>
      ) : (
        <>
          <p className="muted source">
            From state #{state.headerId ?? '—'} at {formatClock(state.at)}
          </p>
          <dl className="facts">
            <dt>Order</dt>
            <dd className="mono" data-testid="order-id">
              {o.orderId === '' ? 'none' : o.orderId}
            </dd>
            <dt>Update</dt>
            <dd className="mono">{o.orderUpdateId ?? '—'}</dd>
            <dt>Last node</dt>
            <dd className="mono">
              {o.lastNodeId || '—'}
              {o.lastNodeSequenceId !== null ? <span className="muted"> (seq {o.lastNodeSequenceId})</span> : null}
            </dd>
            <dt>Motion</dt>
            <dd>{o.paused ? 'paused' : o.driving ? 'driving' : 'standing'}</dd>
          </dl>
          {o.route.length === 0 ? (
            <p className="muted">{o.orderId === '' ? 'No order.' : 'Nothing left to travel: the order is done.'}</p>
          ) : (
            <ol className="route" aria-label="Nodes and edges ahead">
              {o.route.map((s) => (
                <li key={`${s.kind}-${s.sequenceId}`} className={s.released ? 'released' : 'horizon'} data-kind={s.kind}>
                  <span className="muted mono">{s.sequenceId}</span> {s.kind === 'node' ? '●' : '→'} <span className="mono">{s.id}</span>
                  <span className="route-tag">{s.released ? 'released' : 'horizon'}</span>
                </li>
              ))}
            </ol>
          )}
        </>
      )}
    </section>
  );
}
