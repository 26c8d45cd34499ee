// Every writer stores text Postgres cannot take as it is (a NUL, a lone surrogate; raw or as a JSON escape):
// traces, robot events, factsheets, serial numbers, audit details. Before, a NUL in one trace made the whole
// trace_hops batch fail, again and again.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, tempDir } from '../server/testing/test-env';
import { openDb, type Db } from './client';
import { insertAuditEntries } from './queries/audit-log';
import { insertRobotEvents } from './queries/robot-events';
import { hopsOfTrace, insertHops } from './queries/trace-hops';
import { saveFactsheets, upsertRobots } from './queries/robots';

let db: Db;
let drop: () => Promise<void>;
const BAD = 'a\u0000b\uD800c';

beforeAll(async () => {
  const t = await createTestDatabase();
  drop = t.drop;
  db = await openDb({ databaseUrl: t.url, dataDir: tempDir('pg-safe'), migrate: true });
}, 60_000);

afterAll(async () => {
  await db?.close();
  await drop?.();
});

describe('text Postgres refuses is stored with U+FFFD in its place', () => {
  it('in robots, factsheets, robot events, trace hops and audit details', async () => {
    const [robot] = await upsertRobots(db, [{ manufacturer: 'Acme', serialNumber: `S-${BAD}`, protocolVersion: null }]);
    expect(robot!.serialNumber).toBe('S-a\uFFFDb\uFFFDc');
    await saveFactsheets(db, [{ robotId: robot!.id, factsheet: { typeSpecification: { seriesName: BAD, [`k${BAD}`]: 1 } } }]);
    await insertRobotEvents(db, [{ robotId: robot!.id, ts: Date.now(), kind: `k${BAD}`, detail: { error: BAD } }]);
    const now = Date.now();
    await insertHops(db, [
      {
        traceId: 't-bad',
        kind: 'telemetry',
        robotId: null,
        subject: `rejected:${BAD}`,
        node: 'gateway:x',
        operation: 'gateway.validate',
        startMs: now,
        endMs: now,
        outcome: 'error',
        detail: `malformed JSON: ${BAD}`,
      },
    ] as never);
    await insertAuditEntries(db, [{ actor: BAD, action: 'robot.register', outcome: 'ok', detail: { why: BAD }, at: now } as never]);
    const hops = await hopsOfTrace(db, 't-bad');
    expect((hops[0] as { detail?: string }).detail).toBe('malformed JSON: a\uFFFDb\uFFFDc');
    const [e] = await db.rows<{ kind: string; detail: unknown }>(sql`select kind, detail from robot_events`);
    expect(e!.kind).toBe('ka\uFFFDb\uFFFDc');
    const [a] = await db.rows<{ actor: string }>(sql`select actor from audit_log`);
    expect(a!.actor).toBe('a\uFFFDb\uFFFDc');
  });
});
