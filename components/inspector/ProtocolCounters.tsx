// Per-robot protocol counters: traffic per topic, invalid messages, headerId gaps (lost messages) and the last
// schema violation.
import type { RobotProtocolStats } from '@/server/ports/robot-protocol-reader';
import { formatClock, formatPath } from './message-format';

function perTopic(counts: Record<string, number>): string {
  const entries = Object.entries(counts).sort(([a], [b]) => a.localeCompare(b));
  return entries.length === 0 ? '—' : entries.map(([t, n]) => `${t} ${n}`).join(' · ');
}

export function ProtocolCounters({ stats }: { stats: RobotProtocolStats | null }) {
  if (!stats) return <p className="muted pad">No message from this robot has reached the gateway yet.</p>;
  const v = stats.lastViolation;
  return (
    <dl className="facts counters" data-testid="protocol-counters">
      <dt>Protocol</dt>
      <dd className="mono">{stats.protocolVersion ?? '—'}</dd>
      <dt>Received</dt>
      <dd className="mono">{perTopic(stats.received)}</dd>
      <dt>Sent</dt>
      <dd className="mono">{perTopic(stats.sent)}</dd>
      <dt>Invalid</dt>
      <dd className={stats.invalid > 0 ? 'mono bad' : 'mono'} data-testid="protocol-invalid">
        {stats.invalid}
      </dd>
      <dt>Header gaps</dt>
      <dd className={stats.headerGaps > 0 ? 'mono warn' : 'mono'} data-testid="protocol-header-gaps">
        {stats.headerGaps} gaps, {stats.lostMessages} lost
      </dd>
      <dt>Out of order</dt>
      <dd className="mono" title="headerId repeated or went back without a reconnect; resets after ONLINE are expected">
        {stats.headerRegressions} regressions, {stats.headerResets} resets
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
  );
}
