// Commands counted for /metrics: each final status once however often a command changes or a change is re-sent,
// durations in the right buckets, acknowledgements timed once, memory bounded.
import { describe, expect, it } from 'vitest';
import type { CommandStatus, CommandView } from '../domain/commands/command';
import { COMMAND_DURATION_BOUNDS_S, createCommandMetrics } from './command-metrics';

function fakeLedger() {
  const listeners = new Set<(c: CommandView) => void>();
  return {
    onChange(l: (c: CommandView) => void) {
      listeners.add(l);
      return () => void listeners.delete(l);
    },
    emit: (c: CommandView) => {
      for (const l of listeners) l(c);
    },
    listeners,
  };
}

const T0 = 1_700_000_000_000;
function command(id: string, status: CommandStatus, over: Partial<CommandView> = {}): CommandView {
  return {
    id,
    robotId: 1,
    type: 'pause',
    params: {},
    idempotencyKey: null,
    issuedBy: 'op',
    issuedAt: T0,
    ttlMs: 30_000,
    priority: 0,
    status,
    attempts: 1,
    queuedAt: T0,
    dispatchedAt: null,
    acknowledgedAt: null,
    runningAt: null,
    finishedAt: null,
    outcome: null,
    traceId: 't',
    actionId: null,
    orderId: null,
    batchId: null,
    updatedAt: T0,
    ...over,
  };
}

const bucketOf = (s: number) => COMMAND_DURATION_BOUNDS_S.findIndex((le) => s <= le);

describe('command metrics', () => {
  it('counts a command once, when it first reaches a final status, with its duration and acknowledgement', () => {
    const ledger = fakeLedger();
    const m = createCommandMetrics({ ledger });
    ledger.emit(command('a', 'queued'));
    ledger.emit(command('a', 'dispatched', { dispatchedAt: T0 + 10 }));
    ledger.emit(command('a', 'acknowledged', { acknowledgedAt: T0 + 80 }));
    ledger.emit(command('a', 'running', { acknowledgedAt: T0 + 80, runningAt: T0 + 90 }));
    expect(m.snapshot().finished).toEqual([]);
    const done = command('a', 'succeeded', { acknowledgedAt: T0 + 80, finishedAt: T0 + 700, updatedAt: T0 + 700 });
    ledger.emit(done);
    ledger.emit(done); // delivered again
    ledger.emit({ ...done, status: 'failed', updatedAt: T0 + 900 }); // a late change past final
    const s = m.snapshot();
    expect(s.finished).toHaveLength(1);
    const f = s.finished[0]!;
    expect(f).toMatchObject({ type: 'pause', status: 'succeeded', count: 1 });
    expect(f.sum).toBeCloseTo(0.7);
    expect(f.buckets[bucketOf(0.7)]).toBe(1);
    expect(f.buckets.reduce((a, b) => a + b, 0)).toBe(1);
    expect(s.acknowledged).toHaveLength(1);
    expect(s.acknowledged[0]).toMatchObject({ type: 'pause', count: 1 });
    expect(s.acknowledged[0]!.sum).toBeCloseTo(0.08);
    expect(s.acknowledged[0]!.buckets[bucketOf(0.08)]).toBe(1);
  });

  it('keeps one series per (type, final status) and times a command seen only when final', () => {
    const ledger = fakeLedger();
    const m = createCommandMetrics({ ledger });
    ledger.emit(command('r', 'rejected', { type: 'charge', finishedAt: T0 }));
    ledger.emit(command('x', 'expired', { type: 'goTo', finishedAt: T0 + 30_000 }));
    ledger.emit(command('y', 'expired', { type: 'goTo', finishedAt: T0 + 4_000_000 }));
    ledger.emit(command('z', 'succeeded', { type: 'goTo', acknowledgedAt: T0 + 200, finishedAt: T0 + 45_000 }));
    const s = m.snapshot();
    const of = (type: string, status: string) => s.finished.find((f) => f.type === type && f.status === status);
    expect(of('charge', 'rejected')).toMatchObject({ count: 1, sum: 0 });
    expect(of('charge', 'rejected')!.buckets[0]).toBe(1);
    const expired = of('goTo', 'expired')!;
    expect(expired.count).toBe(2);
    // Past the last bound: the overflow slot (only in +Inf).
    expect(expired.buckets[COMMAND_DURATION_BOUNDS_S.length]).toBe(1);
    expect(of('goTo', 'succeeded')!.count).toBe(1);
    expect(s.acknowledged).toEqual([expect.objectContaining({ type: 'goTo', count: 1 })]);
  });

  it('snapshots are copies, and stop() unsubscribes', () => {
    const ledger = fakeLedger();
    const m = createCommandMetrics({ ledger });
    ledger.emit(command('a', 'cancelled', { finishedAt: T0 + 5 }));
    const before = m.snapshot();
    ledger.emit(command('b', 'cancelled', { finishedAt: T0 + 5 }));
    expect(before.finished[0]!.count).toBe(1);
    expect(m.snapshot().finished[0]!.count).toBe(2);
    m.stop();
    expect(ledger.listeners.size).toBe(0);
  });

  it('remembers at most maxTracked ids', () => {
    const ledger = fakeLedger();
    const m = createCommandMetrics({ ledger, maxTracked: 100 });
    for (let i = 0; i < 1000; i++) ledger.emit(command(`c${i}`, 'succeeded', { finishedAt: T0 + 1 }));
    // The most recent ids are still remembered: re-sent changes of them are not counted again.
    for (let i = 900; i < 1000; i++) ledger.emit(command(`c${i}`, 'succeeded', { finishedAt: T0 + 1 }));
    expect(m.snapshot().finished[0]!.count).toBe(1000);
  });
});
