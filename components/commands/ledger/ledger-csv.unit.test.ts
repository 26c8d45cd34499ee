import { stringify } from 'csv-stringify/browser/esm/sync';
import { describe, expect, it } from 'vitest';
import type { CommandPage, CommandView } from '@/server/domain/commands/command';
import { collectLedger, CSV_COLUMNS, csvRecord, exportFileName } from './ledger-csv';

const command = (n: number, over: Partial<CommandView> = {}): CommandView => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  robotId: 3,
  type: 'goTo',
  params: { place: 'Dock 3' },
  idempotencyKey: null,
  issuedBy: 'operator@e2e.local',
  issuedAt: Date.UTC(2026, 11, 2, 14, 0, n),
  ttlMs: 30_000,
  priority: 0,
  status: 'succeeded',
  attempts: 1,
  queuedAt: null,
  dispatchedAt: Date.UTC(2026, 11, 2, 14, 0, n) + 12,
  acknowledgedAt: Date.UTC(2026, 11, 2, 14, 0, n) + 140,
  runningAt: null,
  finishedAt: Date.UTC(2026, 11, 2, 14, 0, n) + 2_400,
  outcome: 'arrived, "late"',
  traceId: 'a'.repeat(32),
  actionId: null,
  orderId: 'order-1',
  batchId: null,
  updatedAt: 0,
  ...over,
});

/** A server of `total` commands, newest first, paged by a numeric cursor. */
function fakeServer(total: number) {
  const all = Array.from({ length: total }, (_, i) => command(total - i));
  const calls: { limit: number; cursor?: string }[] = [];
  const fetchPage = async (input: { limit: number; cursor?: string }): Promise<CommandPage> => {
    calls.push({ limit: input.limit, ...(input.cursor !== undefined && { cursor: input.cursor }) });
    const start = input.cursor ? Number(input.cursor) : 0;
    const items = all.slice(start, start + input.limit);
    return { items, nextCursor: start + input.limit < total ? String(start + input.limit) : null };
  };
  return { all, calls, fetchPage };
}

describe('ledger CSV export', () => {
  it('reads every page of the filtered ledger, not only the first', async () => {
    const s = fakeServer(1_234);
    const seen: number[] = [];
    const out = await collectLedger(s.fetchPage, { robotId: 3 }, (n) => seen.push(n));
    expect(out.truncated).toBe(false);
    expect(out.commands.map((c) => c.id)).toEqual(s.all.map((c) => c.id));
    expect(s.calls.map((c) => c.limit)).toEqual([500, 500, 500]);
    expect(seen).toEqual([500, 1000, 1234]);
  });

  it('stops at its bound and says the file is cut', async () => {
    const s = fakeServer(1_234);
    const out = await collectLedger(s.fetchPage, {}, () => {}, 700);
    expect(out).toMatchObject({ truncated: true });
    expect(out.commands).toHaveLength(700);
    expect(s.calls.map((c) => c.limit)).toEqual([500, 200]);
  });

  it('writes one record per command with times after issue in ms, quoted where needed', () => {
    const csv = stringify([csvRecord(command(7), 'SIM-0003')], { header: true, columns: [...CSV_COLUMNS] });
    const [head, row] = csv.trim().split('\n');
    expect(head).toBe(CSV_COLUMNS.join(','));
    expect(row).toContain(',SIM-0003,Go to,Dock 3,succeeded,12,140,2400,operator@e2e.local,1,"arrived, ""late""",');
    expect(row).toContain('2026-12-02T14:00:07.000Z');
    expect(csvRecord(command(1, { finishedAt: null, status: 'running' }), 'x')[10]).toBe('');
    expect(exportFileName(Date.UTC(2026, 11, 2, 14, 3, 7))).toBe('commands-2026-12-02T140307Z.csv');
  });
});
