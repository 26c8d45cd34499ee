'use client';
// The waterfall of one traced message: every hop from the robot's publish to the viewer's render, each bar
// placed on a shared time axis with the time it took.
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/trpc-context';
import { clock, ms } from './flow-format';
import { RobotSerial } from './RobotSerial';

export function TraceWaterfall({ traceId, onClose }: { traceId: string; onClose(): void }) {
  const trpc = useTRPC();
  // Browser hops arrive a moment after the frame: poll briefly so they show up.
  const q = useQuery({ ...trpc.traces.byId.queryOptions({ traceId }), refetchInterval: 1500, retry: 1 });
  const hops = q.data?.hops ?? [];
  const t0 = hops.length ? Math.min(...hops.map((h) => h.startMs)) : 0;
  const t1 = hops.length ? Math.max(...hops.map((h) => h.endMs)) : 1;
  const span = Math.max(0.001, t1 - t0);
  return (
    <section className="waterfall" data-testid="trace-waterfall" data-trace-id={traceId}>
      <header>
        <h2>Message trace</h2>
        <button type="button" className="icon-button" aria-label="Close trace" onClick={onClose}>
          ×
        </button>
      </header>
      <p className="mono muted">{traceId}</p>
      {q.isError && <p className="bad">{q.error.message}</p>}
      {hops.length > 0 && (
        <p className="muted">
          {clock(t0)} · {ms(span)} end to end · <RobotSerial robotId={hops[0]!.robotId} /> · {hops[0]!.subject}
        </p>
      )}
      <ol className="waterfall-hops">
        {hops.map((h) => (
          <li key={h.spanId} data-testid="waterfall-hop" data-operation={h.operation} className={`outcome-${h.outcome}`}>
            <span className="waterfall-name" title={h.node}>
              {h.operation}
            </span>
            <span className="waterfall-track">
              <span
                className="waterfall-bar"
                style={{ left: `${((h.startMs - t0) / span) * 100}%`, width: `max(2px, ${((h.endMs - h.startMs) / span) * 100}%)` }}
              />
            </span>
            <span className="waterfall-time mono">{ms(h.endMs - h.startMs)}</span>
            {h.detail && <span className="waterfall-detail muted">{h.detail}</span>}
          </li>
        ))}
      </ol>
    </section>
  );
}
