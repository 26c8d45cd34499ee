// The audit trail's bounds on a real database: one entry never holds more than a few KB (a refused 50 MB command
// wrote a 52 MB row, issue 12 fault 3), and repeated refusals through deny() make one row with a count (fault 9).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../../db/client';
import { createTestDatabase, tempDir, testLogger } from '../../testing/test-env';
import { createAuditTrail, MAX_DETAIL_CHARS, type AuditTrail } from './audit-trail';

const clock = {
  t: Date.parse('2026-12-02T08:00:00Z'),
  now() {
    return this.t;
  },
};
let db: Db;
let audit: AuditTrail;
let drop: () => Promise<void>;

beforeAll(async () => {
  const t = await createTestDatabase();
  drop = t.drop;
  db = await openDb({ databaseUrl: t.url, dataDir: tempDir('audit-trail'), migrate: true });
  audit = createAuditTrail({ db, clock, logger: testLogger, flushMs: 60_000 });
}, 60_000);

afterAll(async () => {
  await audit?.stop();
  await db?.close();
  await drop?.();
});

describe('audit trail bounds', () => {
  it('stores a 5 MB detail as a 4 KB preview marked truncated; small details whole', async () => {
    const params = { blob: 'x'.repeat(5_000_000) };
    audit.record({
      actor: 'op@example.test',
      action: 'command.issue',
      target: 'robot 1',
      outcome: 'failed',
      detail: { type: 'goTo', params, error: 'too big' },
    });
    audit.record({ actor: 'op@example.test', action: 'command.issue', target: 'robot 2', outcome: 'ok', detail: { type: 'pause' } });
    const { items } = await audit.list({ action: 'command.issue', limit: 10 });
    const big = items.find((e) => e.target === 'robot 1')!;
    expect(big.detail).toMatchObject({ truncated: true, chars: expect.any(Number) });
    expect(JSON.stringify(big.detail).length).toBeLessThan(MAX_DETAIL_CHARS + 200);
    expect(String(big.detail!.preview)).toMatch(/^\{"type":"goTo","params":\{"blob":"xxx/);
    expect(items.find((e) => e.target === 'robot 2')!.detail).toEqual({ type: 'pause' });
    expect(audit.stats().truncated).toBe(1);
  });

  it('cuts a 100 KB target or actor to 500 characters', async () => {
    audit.record({ actor: 'a'.repeat(100_000), action: 'access', target: 't'.repeat(100_000), outcome: 'denied' });
    const { items } = await audit.list({ action: 'access', limit: 10 });
    expect(items[0]!.target!.length).toBeLessThanOrEqual(501);
    expect(items[0]!.actor.length).toBeLessThanOrEqual(501);
  });

  it('deny(): 500 identical refusals within 10 s are one row at once and one summary row with the count', async () => {
    const refusal = {
      actor: 'anonymous',
      action: 'access' as const,
      target: 'fleet.list',
      address: '10.0.0.9',
      detail: { type: 'query', reason: 'no session' },
    };
    for (let i = 0; i < 500; i++) {
      clock.t += 10;
      audit.deny(refusal);
    }
    // Another address is another key.
    audit.deny({ ...refusal, address: '10.0.0.10' });
    let rows = (await audit.list({ action: 'access', actor: 'anonymous', limit: 100 })).items.filter((e) => e.target === 'fleet.list');
    expect(rows).toHaveLength(2);
    expect(rows.every((e) => e.outcome === 'denied' && e.detail?.count === 1)).toBe(true);
    clock.t += 10_000;
    // The sweep runs with the flush timer; stop() flushes what is pending, as on shutdown.
    await audit.stop();
    rows = (await audit.list({ action: 'access', actor: 'anonymous', limit: 100 })).items.filter((e) => e.target === 'fleet.list');
    expect(rows).toHaveLength(3);
    expect(rows.reduce((n, e) => n + Number(e.detail?.count), 0)).toBe(501);
    expect(rows.find((e) => e.detail?.count === 499)).toMatchObject({
      address: '10.0.0.9',
      detail: { reason: 'no session', firstAt: expect.any(Number), lastAt: expect.any(Number) },
    });
  });
});
