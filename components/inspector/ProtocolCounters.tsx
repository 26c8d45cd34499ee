// Per-robot protocol counters since the app started: traffic per topic, rejected messages (they arrived and failed
// a check), headerId gaps with the messages that never arrived, and the last schema violation. Rejected messages
// are never counted as gaps or lost (the gateway's protocol monitor advances the sequence with them).
import type { RobotProtocolStats } from '@/server/ports/robot-protocol-reader';
import { formatClock, formatPath } from './message-format';

function perTopic(counts: Record<string, number>): string {
  const entries = Object.entries(counts).sort(([a], [b]) => a.localeCompare(b));
  return entries.length === 0 ? '—' : entries.map(([t, n]) => `${t} ${n}`).join(' · ');
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function ProtocolCounters({ stats }: { stats: RobotProtocolStats | null }) {
  if (!stats) return <p className="muted pad">No message from this robot has reached the gateway yet.</p>;
  const v = stats.lastViolation;
  return (
    <>
      <p className="muted counters-base">Messages since the app started, per topic.</p>
      <dl className="facts counters" data-testid="protocol-counters">
        <dt>Protocol</dt>
        <dd className="mono">{stats.protocolVersion ?? '—'}</dd>
        <dt>Received</dt>
        <dd className="mono">{perTopic(stats.received)}</dd>
        <dt>Sent</dt>
        <dd className="mono">{perTopic(stats.sent)}</dd>
        <dt title="Arrived, and refused by the gateway: broken JSON, a schema violation or a header that does not match the topic">
          Rejected
        </dt>
        <dd className={stats.invalid > 0 ? 'mono bad' : 'mono'}>
          <span data-testid="protocol-invalid">{stats.invalid}</span> {stats.invalid === 1 ? 'message' : 'messages'}
          <span className="muted"> (arrived, failed a check)</span>
        </dd>
        <dt title="headerId jumps forward: the ids skipped never reached the gateway. Rejected messages arrived and are not counted here">
          Header gaps
        </dt>
        <dd className={stats.headerGaps > 0 ? 'mono warn' : 'mono'} data-testid="protocol-header-gaps">
          <span data-testid="protocol-gap-count">{plural(stats.headerGaps, 'gap', 'gaps')}</span>,{' '}
          <span data-testid="protocol-lost-count">{plural(stats.lostMessages, 'message', 'messages')}</span> lost
          <span className="muted"> (ids that never arrived)</span>
        </dd>
        <dt>Out of order</dt>
        <dd className="mono" title="headerId repeated or went back without a reconnect; resets after ONLINE are expected">
          {plural(stats.headerRegressions, 'regression', 'regressions')}, {plural(stats.headerResets, 'reset', 'resets')}
        </dd>
        <dt>Last violation</dt>
        <dd data-testid="protocol-last-violation">
          {v ? (
            <>
              <span className="mono">{formatClock(v.at)}</span> {v.topic} at <code>{formatPath(v.path)}</code>: {v.reason}
            </>
          ) : (
            'none'
          )}
        </dd>
      </dl>
    </>
  );
}
