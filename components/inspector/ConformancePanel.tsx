'use client';
// The robot's protocol behaviour rule by rule (fleet.conformance): PASS, FAIL or INCONCLUSIVE with why, and the
// messages that are the evidence (topic, headerId, time; find them in the message log). QA downloads it as JSON.
import { useQuery } from '@tanstack/react-query';
import type { ConformanceReport } from '@/server/ports/robot-protocol-reader';
import { useTRPC } from '@/components/trpc/trpc-context';
import { downloadText } from '@/components/ui/download';

const VERDICT_CLASS = { PASS: 'ok', FAIL: 'bad', INCONCLUSIVE: 'muted' } as const;
const time = (at: number) => new Date(at).toLocaleTimeString(undefined, { hour12: false });

function download(r: ConformanceReport): void {
  const stamp = new Date(r.at).toISOString().replace(/[:.]/g, '-');
  downloadText(
    `${JSON.stringify(r, null, 2)}\n`,
    `conformance-${r.robot.replace(/[^A-Za-z0-9._-]/g, '_')}-${stamp}.json`,
    'application/json',
  );
}

export function ConformancePanel({ robotId }: { robotId: number }) {
  const trpc = useTRPC();
  const q = useQuery({ ...trpc.fleet.conformance.queryOptions({ id: robotId }), refetchInterval: 5000, staleTime: 0 });
  const r = q.data;
  const failed = r?.rules.filter((x) => x.verdict === 'FAIL').length ?? 0;
  return (
    <section className="card conformance" data-testid="conformance-panel" aria-label="Conformance">
      <h2>
        Conformance{' '}
        {r ? (
          <span className={failed > 0 ? 'bad' : 'ok'} data-testid="conformance-summary">
            {failed > 0 ? `${failed} failed` : `${r.rules.filter((x) => x.verdict === 'PASS').length} of ${r.rules.length} passed`}
          </span>
        ) : null}
      </h2>
      {q.isPending ? (
        <p className="muted">Loading…</p>
      ) : q.error ? (
        <p className="bad">{q.error.message}</p>
      ) : !r ? (
        <p className="muted">No messages from this robot since the app started.</p>
      ) : (
        <>
          <p className="muted">
            Its behaviour since the app started, judged over every message in and out. Evidence names messages by topic, headerId and time.
          </p>
          <ul className="conformance-rules">
            {r.rules.map((rule) => (
              <li key={rule.id} data-testid={`conformance-${rule.id}`} data-verdict={rule.verdict}>
                <span className={`verdict ${VERDICT_CLASS[rule.verdict]}`}>{rule.verdict}</span> {rule.title}
                <div className="muted detail">{rule.detail}</div>
                {rule.evidence.length > 0 ? (
                  <div className="evidence mono">
                    {rule.evidence.map((e) => (
                      <span key={`${e.direction}-${e.topic}-${e.headerId}-${e.at}`}>
                        {e.direction === 'in' ? '←' : '→'} {e.topic} #{e.headerId} {time(e.at)}
                        {e.note ? ` (${e.note})` : ''}
                      </span>
                    ))}
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
          <button type="button" className="small-button" data-testid="conformance-download" onClick={() => download(r)}>
            Download JSON
          </button>
        </>
      )}
    </section>
  );
}
