'use client';
// An edge's latency histogram over the sliding window: one bar per bucket that holds anything.
import { LATENCY_BOUNDS_MS } from '@/server/domain/flow/latency-buckets';
import { ms } from './flow-format';

export function LatencyHistogram({ counts }: { counts: readonly number[] }) {
  const first = counts.findIndex((c) => c > 0);
  if (first < 0) return <p className="muted">No latency observed in the window.</p>;
  const last = counts.length - 1 - [...counts].reverse().findIndex((c) => c > 0);
  const max = Math.max(...counts);
  const rows = counts.slice(first, last + 1).map((c, i) => ({ c, bucket: first + i, upper: LATENCY_BOUNDS_MS[first + i] }));
  return (
    <ul className="histogram" data-testid="latency-histogram">
      {rows.map(({ c, bucket, upper }) => (
        <li key={bucket}>
          <span className="histogram-bound">≤ {upper === undefined ? '∞' : ms(upper)}</span>
          <span className="histogram-bar" style={{ width: `${(c / max) * 100}%` }} />
          <span className="histogram-count">{c}</span>
        </li>
      ))}
    </ul>
  );
}
