'use client';
// Sampled messages as a clickable list: robot, subject, when, how long end to end, outcome.
import type { TraceSummary } from '@/server/domain/flow/hop';
import { clock, ms } from './flow-format';

export function TraceList({ traces, onOpen, empty }: { traces: readonly TraceSummary[]; onOpen(traceId: string): void; empty: string }) {
  if (traces.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ul className="trace-list">
      {traces.map((t) => (
        <li key={t.traceId}>
          <button
            type="button"
            data-testid="trace-row"
            data-trace-id={t.traceId}
            className={`outcome-${t.outcome}`}
            onClick={() => onOpen(t.traceId)}
          >
            <span className="mono">{clock(t.startedAt)}</span>
            <span>{t.robotId === null ? '—' : `robot ${t.robotId}`}</span>
            <span className="muted">{t.subject}</span>
            <span className="mono">{ms(t.endedAt - t.startedAt)}</span>
            <span className="muted">{t.hops} hops</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
