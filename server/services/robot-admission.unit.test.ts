import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../domain/identity/audit';
import { createRobotAdmission } from './robot-admission';

function setup(limits: Parameters<typeof createRobotAdmission>[0]['limits']) {
  let t = 1_000_000;
  const entries: AuditEntry[] = [];
  const a = createRobotAdmission({
    clock: { now: () => t },
    audit: { record: (e) => void entries.push(e) },
    limits: { auditWindowMs: 3_600_000, ...limits },
  });
  return { a, entries, advance: (ms: number) => void (t += ms) };
}

describe('admission of new robots', () => {
  it('rate-limits registrations per manufacturer login (token bucket), the others unaffected', () => {
    const { a, advance } = setup({ burst: 10, perSecond: 2 });
    const ok = Array.from({ length: 300 }, (_, i) => a.admit('Acme', `S-${i}`, i).ok).filter(Boolean).length;
    expect(ok).toBe(10);
    expect(a.admit('Other', 'S-1', 0).ok).toBe(true);
    advance(1000);
    expect([a.admit('Acme', 'x', 0).ok, a.admit('Acme', 'y', 0).ok, a.admit('Acme', 'z', 0).ok]).toEqual([true, true, false]);
    expect(a.stats()).toMatchObject({ refusedRate: 291, refusedCap: 0 });
    a.stop();
  });

  it('caps robots per manufacturer login (MAX_ROBOTS_PER_LOGIN)', () => {
    const { a } = setup({ maxRobotsPerLogin: 5, burst: 100 });
    expect(a.admit('Acme', 'S-5', 4).ok).toBe(true);
    const r = a.admit('Acme', 'S-6', 5);
    expect(r).toMatchObject({ ok: false, reason: expect.stringMatching(/MAX_ROBOTS_PER_LOGIN is 5/) });
    expect(a.stats().refusedCap).toBe(1);
    a.stop();
  });

  it('audits registrations: the first at once, the rest coalesced per manufacturer and window, refusals too', () => {
    const { a, entries } = setup({ burst: 3, perSecond: 0.001 });
    for (let i = 0; i < 300; i++) if (a.admit('Acme', `S-${i}`, i).ok) a.registered('Acme', `S-${i}`);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      action: 'robot.register',
      target: 'Acme',
      outcome: 'ok',
      detail: { registered: 1, serialNumbers: ['S-0'] },
    });
    a.flush();
    expect(entries).toHaveLength(3);
    expect(entries[1]).toMatchObject({ outcome: 'ok', detail: { registered: 2 } });
    expect(entries[2]).toMatchObject({ outcome: 'denied', detail: { refusedRate: 297 } });
    expect((entries[2]!.detail as { serialNumbers: string[] }).serialNumbers).toHaveLength(20);
    expect(a.stats().registered).toBe(3);
    a.stop();
  });

  it('tracks a bounded number of manufacturers', () => {
    const { a } = setup({ burst: 1 });
    for (let i = 0; i < 5000; i++) a.admit(`M${i}`, 'S', 0);
    expect(a.stats().manufacturersTracked).toBeLessThanOrEqual(1000);
    expect(a.stats().manufacturersEvicted).toBe(4000);
    a.stop();
  });
});
