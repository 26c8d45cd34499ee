import { describe, expect, it } from 'vitest';
import type { Hop } from '../../domain/flow/hop';
import { createTraceRing } from './trace-ring';

const hop = (traceId: string, seq: number, startMs: number, node = 'gateway:g', robotId = 1): Hop => ({
  traceId,
  spanId: `${seq}`.padStart(16, '0'),
  seq,
  kind: 'telemetry',
  robotId,
  subject: 'robot.visualization',
  node,
  operation: 'op',
  startMs,
  endMs: startMs + 1,
  outcome: 'ok',
  bytes: 0,
  detail: null,
});

describe('trace ring', () => {
  it('keeps the newest traces only, hops in path order', () => {
    const ring = createTraceRing(2);
    ring.write(hop('a', 1, 10));
    ring.write(hop('b', 2, 20));
    ring.write(hop('b', 3, 15));
    ring.write(hop('c', 4, 30));
    expect(ring.get('a')).toBeUndefined();
    expect(ring.get('b')!.map((h) => h.seq)).toEqual([3, 2]);
    expect(ring.size()).toBe(2);
  });
  it('filters by robot, time and nodes passed, newest first', () => {
    const ring = createTraceRing(10);
    ring.write(hop('a', 1, 10, 'x', 1));
    ring.write(hop('b', 2, 20, 'x', 2));
    ring.write(hop('b', 3, 21, 'y', 2));
    ring.write(hop('c', 4, 30, 'x', 1));
    expect(ring.recent({ robotId: 1, limit: 10 }).map((s) => s.traceId)).toEqual(['c', 'a']);
    expect(ring.recent({ fromMs: 15, toMs: 25, limit: 10 }).map((s) => s.traceId)).toEqual(['b']);
    expect(ring.recent({ through: ['x', 'y'], limit: 10 }).map((s) => s.traceId)).toEqual(['b']);
  });
});
