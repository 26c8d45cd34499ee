'use client';
// The robot's factsheet as master control reads it: type, speed, size and the actions it accepts.
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/trpc-context';

const metres = (v: number | null) => (v === null ? '—' : `${v} m`);

export function FactsheetPanel({ robotId }: { robotId: number }) {
  const trpc = useTRPC();
  // A factsheet arrives once after connect (or on request): poll slowly until it is there.
  const q = useQuery({
    ...trpc.fleet.factsheet.queryOptions({ id: robotId }),
    refetchInterval: (query) => (query.state.data ? 30_000 : 3_000),
    staleTime: 0,
  });
  const f = q.data;
  return (
    <section className="card" data-testid="factsheet-panel" aria-label="Factsheet">
      <h2>Factsheet</h2>
      {q.isPending ? (
        <p className="muted">Loading factsheet…</p>
      ) : q.error ? (
        <p className="bad">{q.error.message}</p>
      ) : !f ? (
        <p className="muted">The robot has not sent a factsheet yet; the app requests one when it connects.</p>
      ) : (
        <dl className="facts">
          <dt>Type</dt>
          <dd>{[f.seriesName, f.agvClass, f.agvKinematic].filter(Boolean).join(' · ') || '—'}</dd>
          <dt>Protocol</dt>
          <dd className="mono">{f.protocolVersion ?? '—'}</dd>
          <dt>Max speed</dt>
          <dd className="mono">{f.speedMax === null ? '—' : `${f.speedMax} m/s`}</dd>
          <dt>Max load</dt>
          <dd className="mono">{f.maxLoadMass === null ? '—' : `${f.maxLoadMass} kg`}</dd>
          <dt>Dimensions</dt>
          <dd className="mono">
            {metres(f.length)} × {metres(f.width)} ×{' '}
            {f.heightMin === null && f.heightMax === null ? '—' : `${f.heightMin ?? '?'}–${f.heightMax ?? '?'} m`}
            <span className="muted"> (L × W × H)</span>
          </dd>
          <dt>Actions</dt>
          <dd>
            {f.supportedActions.length === 0 ? (
              'none listed'
            ) : (
              <ul className="chips">
                {f.supportedActions.map((a) => (
                  <li key={a.actionType} title={`scopes: ${a.scopes.join(', ') || 'none'}`}>
                    {a.actionType} <span className="muted">{a.scopes.map((s) => s[0]).join('')}</span>
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </dl>
      )}
    </section>
  );
}
