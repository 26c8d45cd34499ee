import { describe, expect, it } from 'vitest';
import type { Db } from '../../db/client';
import { commandsStatus } from './commands-status';
import { composeHealth } from './health';

const clock = { now: () => 1_000 };
const db = (ping: () => Promise<void>) => ({ kind: 'fake', ping }) as unknown as Db;

describe('composed health', () => {
  it('merges what two modules say of one component (worst status) and keeps the fixed component order', async () => {
    const health = composeHealth({
      db: db(async () => {}),
      clock,
      modules: [
        { health: () => ({ simulator: { status: 'ok', robots: 0 }, commands: { status: 'ok', open: 2 } }) },
        { health: () => ({ commands: { status: 'degraded', pushed: 5 }, bus: { status: 'ok' } }) },
      ],
    });
    const r = await health();
    expect(Object.keys(r.components)).toEqual(['database', 'bus', 'commands', 'simulator']);
    expect(r.components.commands).toEqual({ status: 'degraded', open: 2, pushed: 5 });
    expect(r.status).toBe('degraded');
  });

  it('is down when the database is, and modules see the database status', async () => {
    let seen: string | null = null;
    const health = composeHealth({
      db: db(async () => Promise.reject(new Error('connection refused'))),
      clock,
      modules: [{ health: (ctx) => ((seen = ctx.database.status), {}) }],
    });
    expect((await health()).status).toBe('down');
    expect(seen).toBe('down');
  });
});

describe('commands status', () => {
  const fine = { database: 'ok' as const, gatewayConnected: true, open: 3, retryingWrites: 0, oldestPendingWriteMs: 0 };
  it('is ok while the database and gateway are up and ledger writes land', () => {
    expect(commandsStatus(fine)).toBe('ok');
    expect(commandsStatus({ ...fine, gatewayConnected: false, open: 0 })).toBe('ok');
    expect(commandsStatus({ ...fine, oldestPendingWriteMs: 10_000 })).toBe('ok');
  });
  it('is degraded while ledger writes are retried or one waits over 10 s', () => {
    expect(commandsStatus({ ...fine, retryingWrites: 1 })).toBe('degraded');
    expect(commandsStatus({ ...fine, oldestPendingWriteMs: 10_001 })).toBe('degraded');
  });
  it('is degraded without the database, or without the gateway while commands are open', () => {
    expect(commandsStatus({ ...fine, database: 'down' })).toBe('degraded');
    expect(commandsStatus({ ...fine, gatewayConnected: false })).toBe('degraded');
  });
});
