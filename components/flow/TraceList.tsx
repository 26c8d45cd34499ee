'use client';
// Sampled messages as a clickable list: when, which robot (serial), how long end to end; then what it was, its
// hops and, when it did not go well, its outcome in words. The colour legend under the list says what red means.
import type { HopOutcome, TraceSummary } from '@/server/domain/flow/hop';
import { clock, ms } from './flow-format';
import { RobotSerial } from './RobotSerial';

/** What a trace's outcome means (its worst hop), for the row's tooltip and the legend. */
export const OUTCOME_MEANING: Record<HopOutcome, string> = {
  ok: 'every hop succeeded',
  error: 'a hop failed (e.g. rejected by the schema, a failed write, a command that failed)',
  dropped: 'the message was dropped on the way (e.g. a full buffer, no viewer)',
  superseded: 'a newer message replaced it before it was handled (e.g. a newer pose in the same frame)',
};

export function TraceList({ traces, onOpen, empty }: { traces: readonly TraceSummary[]; onOpen(traceId: string): void; empty: string }) {
  if (traces.length === 0) return <p className="muted">{empty}</p>;
  return (
    <>
      <ul className="trace-list">
        {traces.map((t) => (
          <li key={t.traceId}>
            <button
              type="button"
              data-testid="trace-row"
              data-trace-id={t.traceId}
              data-outcome={t.outcome}
              className={`trace-row outcome-${t.outcome}`}
              title={`${t.outcome}: ${OUTCOME_MEANING[t.outcome]}. Open its waterfall.`}
              onClick={() => onOpen(t.traceId)}
            >
              <span className="trace-time mono">{clock(t.startedAt)}</span>
              <RobotSerial robotId={t.robotId} />
              <span className="trace-duration mono" title="end to end">
                {ms(t.endedAt - t.startedAt)}
              </span>
              <span className="trace-subject muted">{t.subject}</span>
              <span className="trace-hops muted">
                {t.hops} hops{t.outcome === 'ok' ? '' : ` · ${t.outcome}`}
              </span>
            </button>
          </li>
        ))}
      </ul>
      <p className="trace-legend muted" data-testid="trace-legend">
        <span className="legend-swatch outcome-error" aria-hidden="true" /> red: a hop failed or the message was dropped ·{' '}
        <span className="legend-swatch outcome-superseded" aria-hidden="true" /> amber: superseded by a newer message
      </p>
    </>
  );
}
