import { describe, expect, it } from 'vitest';
import type { LeaderLease } from '../../ports/leader-lease';
import { runWhileLeader } from './while-leader';

function fakeLease(initially: boolean) {
  let leader = initially;
  const listeners = new Set<(l: boolean) => void>();
  const lease: LeaderLease = {
    kind: 'fake',
    isLeader: () => leader,
    onChange: (l) => (listeners.add(l), () => void listeners.delete(l)),
    stats: () => ({ leader, gained: 0, lost: 0, changedAt: null, lastError: null }),
    stop: async () => {},
  };
  return {
    lease,
    set(l: boolean) {
      leader = l;
      for (const f of listeners) f(l);
    },
  };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('runWhileLeader', () => {
  it('runs the worker only while leading: started on gain, stopped (and awaited) on loss, again on the next gain', async () => {
    const f = fakeLease(false);
    const log: string[] = [];
    let n = 0;
    const w = runWhileLeader(f.lease, () => {
      const id = ++n;
      log.push(`start ${id}`);
      return { id, stop: async () => void log.push(`stop ${id}`) };
    });
    await settle();
    expect(w.current()).toBeNull();
    f.set(true);
    await settle();
    expect(w.current()?.id).toBe(1);
    f.set(false);
    f.set(true);
    await settle();
    await settle();
    expect(log).toEqual(['start 1', 'stop 1', 'start 2']);
    await w.stop();
    expect(log).toEqual(['start 1', 'stop 1', 'start 2', 'stop 2']);
    f.set(true);
    await settle();
    expect(w.current()).toBeNull();
  });

  it('a worker that fails to start is reported, and the next gain tries again', async () => {
    const f = fakeLease(true);
    const errors: string[] = [];
    let fail = true;
    const w = runWhileLeader(
      f.lease,
      () => {
        if (fail) throw new Error('no outbox');
        return { stop: async () => {} };
      },
      (err) => errors.push((err as Error).message),
    );
    await settle();
    expect(errors).toEqual(['no outbox']);
    expect(w.current()).toBeNull();
    fail = false;
    f.set(false);
    f.set(true);
    await settle();
    await settle();
    expect(w.current()).not.toBeNull();
    await w.stop();
  });
});
