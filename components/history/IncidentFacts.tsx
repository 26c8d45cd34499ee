// The side facts of the why view: the robot as it was, its order and nodes, its actions, the alerts open at the
// moment, and how healthy its data path was (from sampled traces).
import Link from 'next/link';
import type { IncidentView } from '@/server/domain/history/incident-view';
import { clockTime, relativeTo } from './time-format';

export function RobotAtFacts({ view }: { view: IncidentView }) {
  const r = view.robot;
  if (!r) return <p className="muted">History holds nothing of this robot at this moment (tier: {view.tier}).</p>;
  return (
    <dl className="history-facts" data-testid="why-robot">
      <dt>Status</dt>
      <dd>
        <span data-testid="why-status">{view.status ?? r.status}</span>
        {view.status !== null && view.status !== r.status ? (
          <span className="muted"> (by its events; the latest stored sample said {r.status})</span>
        ) : null}
      </dd>
      <dt>Connection</dt>
      <dd>
        {r.connection}
        {r.stale ? ' (stale)' : ''}
      </dd>
      <dt>Battery</dt>
      <dd>{r.battery === null ? '—' : `${Math.round(r.battery)} %`}</dd>
      <dt>Speed</dt>
      <dd>{r.speed.toFixed(2)} m/s</dd>
      <dt>Mode</dt>
      <dd>{r.operatingMode ?? '—'}</dd>
      <dt>Order</dt>
      <dd>{r.orderId ?? '—'}</dd>
      <dt>Last node</dt>
      <dd>{r.lastNodeId ?? '—'}</dd>
      <dt>Errors</dt>
      <dd>{r.errors.length === 0 ? 'none' : r.errors.map((e) => `${e.errorType} (${e.errorLevel})`).join(', ')}</dd>
      <dt>Pose from</dt>
      <dd>{r.sampleAt === null ? 'no sample near this moment' : `${relativeTo(r.sampleAt, view.at)} (${view.tier} tier)`}</dd>
    </dl>
  );
}

export function OrderFacts({ view }: { view: IncidentView }) {
  const o = view.order;
  return (
    <section className="card" aria-labelledby="why-order">
      <h2 id="why-order">Order and actions</h2>
      {o ? (
        <>
          <p data-testid="why-order">
            <strong>{o.orderId}</strong>: {o.state}
            {o.acceptedAt !== null ? `, accepted ${relativeTo(o.acceptedAt, view.at)}` : ''}
            {o.endedAt !== null ? `, ended ${relativeTo(o.endedAt, view.at)}` : ''}
          </p>
          {o.nodes.length > 0 ? (
            <ol className="history-nodes" aria-label="Nodes reached">
              {o.nodes.map((n) => (
                <li key={`${n.nodeId}-${n.ts}`}>
                  {n.nodeId} <span className="muted">{relativeTo(n.ts, view.at)}</span>
                </li>
              ))}
            </ol>
          ) : (
            <p className="muted">No node reached in the window.</p>
          )}
        </>
      ) : (
        <p className="muted">No order in the window.</p>
      )}
      {view.actions.length > 0 ? (
        <ul className="history-actions" aria-label="Actions at the moment">
          {view.actions.map((a) => (
            <li key={a.actionId}>
              {a.actionType ?? a.actionId}: <strong>{a.status}</strong> <span className="muted">{relativeTo(a.ts, view.at)}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No action state reported before the moment.</p>
      )}
    </section>
  );
}

export function AlertFacts({ view }: { view: IncidentView }) {
  return (
    <section className="card" aria-labelledby="why-alerts">
      <h2 id="why-alerts">Alerts open at the moment</h2>
      {view.openAlerts.length === 0 ? (
        <p className="muted">None, for this robot or the app.</p>
      ) : (
        <ul className="history-alerts" data-testid="why-alerts">
          {view.openAlerts.map((a) => (
            <li key={a.alertId} className={a.level === 'error' ? 'bad' : a.level === 'warning' ? 'warn' : ''}>
              {a.summary} {a.robotId === null ? <span className="muted">(app-wide)</span> : null}{' '}
              <span className="muted">
                opened {relativeTo(a.openedAt, view.at)}
                {a.resolvedAt !== null ? `, resolved ${relativeTo(a.resolvedAt, view.at)}` : ''}
              </span>{' '}
              <Link href={`/alerts?alert=${a.alertId}`}>open</Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function FlowFacts({ view }: { view: IncidentView }) {
  const f = view.flow;
  return (
    <section className="card" aria-labelledby="why-flow" data-testid="why-flow">
      <h2 id="why-flow">Data path</h2>
      {f.tracing === 'off' ? (
        <p className="muted">
          Tracing is off (TRACE_ENABLED=false): no per-message traces exist, so the path&apos;s latency at this moment is unknown. The
          events on the left still come from the robot&apos;s stored history.
        </p>
      ) : f.tracing === 'failed' ? (
        <p className="warn">Tracing is on, but {f.message}.</p>
      ) : f.traces === 0 ? (
        <p className="muted">No sampled trace of this robot within a few minutes of the moment (sampling keeps a share only).</p>
      ) : (
        <>
          <p>
            {f.traces} sampled traces: end-to-end p50 {fmtMs(f.p50Ms)}, p99 {fmtMs(f.p99Ms)}, max {fmtMs(f.maxMs)}. {f.byOutcome.ok} ok
            {f.byOutcome.error ? `, ${f.byOutcome.error} error` : ''}
            {f.byOutcome.dropped ? `, ${f.byOutcome.dropped} dropped` : ''}
            {f.byOutcome.superseded ? `, ${f.byOutcome.superseded} superseded` : ''}.
          </p>
          <p className="muted">
            {f.lastBeforeAt === null
              ? 'No trace before the moment.'
              : `Last trace before the moment: ${relativeTo(f.lastBeforeAt, view.at)}.`}
          </p>
          <ul className="history-traces">
            {f.recent.slice(0, 8).map((t) => (
              <li key={t.traceId}>
                <Link href={`/flow?trace=${t.traceId}`} data-testid="why-trace-link">
                  {t.subject}
                </Link>{' '}
                <span className={t.outcome === 'ok' ? 'muted' : 'bad'}>{t.outcome}</span>{' '}
                <span className="muted">
                  {fmtMs(t.endedAt - t.startedAt)} at {relativeTo(t.startedAt, view.at)} ({clockTime(t.startedAt)})
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function fmtMs(ms: number | null): string {
  if (ms === null) return '—';
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
}
