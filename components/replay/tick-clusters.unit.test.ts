import { describe, expect, it } from 'vitest';
import type { HistoryEvent } from '@/server/domain/history/history-event';
import { clusterTicks } from './tick-clusters';

function ev(
  ts: number,
  robotId: number | null,
  kind: HistoryEvent['kind'] = 'paused',
  level: HistoryEvent['level'] = 'info',
): HistoryEvent {
  return {
    id: `r:${ts}:${robotId}`,
    robotId,
    ts,
    kind,
    category: kind === 'error_raised' ? 'error' : 'status',
    level,
    summary: `${kind} ${robotId}`,
    detail: {},
  };
}

describe('clusterTicks', () => {
  const w = { from: 0, to: 1000 };

  it('gives events far apart a tick each, at their position', () => {
    const c = clusterTicks([ev(500, 2), ev(100, 1)], w, 1000);
    expect(c.map((x) => [x.at, x.position, x.count])).toEqual([
      [100, 0.1, 1],
      [500, 0.5, 1],
    ]);
    expect(c[0]!.label).toBe('paused 1');
  });

  it('merges ticks closer than the gap, keeping the worst level, robots and kinds', () => {
    const c = clusterTicks([ev(100, 1), ev(103, 2, 'error_raised', 'error'), ev(105, 1), ev(400, 3)], w, 1000);
    expect(c).toHaveLength(2);
    expect(c[0]).toMatchObject({ at: 100, last: 105, count: 3, level: 'error', robotIds: [1, 2], kinds: ['paused', 'error_raised'] });
    expect(c[0]!.label).toBe('paused 1 (+2 more)');
  });

  it('measures the gap from the cluster start, so a long run of close events splits', () => {
    const events = Array.from({ length: 50 }, (_, i) => ev(i * 2, i));
    const c = clusterTicks(events, w, 1000, 8);
    expect(c.length).toBeGreaterThan(5);
    expect(c.reduce((n, x) => n + x.count, 0)).toBe(50);
  });

  it('leaves out events outside the window and caps the lists', () => {
    const c = clusterTicks([ev(-5, 1), ev(2000, 1), ...Array.from({ length: 100 }, (_, i) => ev(10, i))], w, 1000);
    expect(c).toHaveLength(1);
    expect(c[0]!.count).toBe(100);
    expect(c[0]!.robotIds.length).toBeLessThanOrEqual(24);
  });
});
