// The ledger's CSV export (pure apart from the page fetcher it is given): every command matching the filters, read
// page by page through commands.list (the same query and role as the table), up to MAX_EXPORT_ROWS; one record per
// command with its times as ISO UTC and as milliseconds after issue.
import type { CommandPage, CommandView } from '@/server/domain/commands/command';
import type { LedgerFilter } from '../command-merge';
import { COMMAND_NAME, paramsSummary } from '../command-format';
import { afterIssued, formatMoment } from './ledger-time';

/** A bound on one export: 20 pages of the largest page commands.list serves. */
export const MAX_EXPORT_ROWS = 10_000;
export const EXPORT_PAGE_SIZE = 500;

export const CSV_COLUMNS = [
  'command_id',
  'issued_at_utc',
  'issued_at_local',
  'robot_id',
  'robot',
  'command',
  'parameters',
  'status',
  'dispatched_after_issued_ms',
  'acknowledged_after_issued_ms',
  'done_after_issued_ms',
  'issuer',
  'attempts',
  'outcome',
  'trace_id',
  'wire_id',
  'batch_id',
] as const;

export function csvRecord(c: CommandView, robot: string): (string | number)[] {
  const ms = (p: Parameters<typeof afterIssued>[1]) => afterIssued(c, p) ?? '';
  return [
    c.id,
    new Date(c.issuedAt).toISOString(),
    formatMoment(c.issuedAt),
    c.robotId,
    robot,
    COMMAND_NAME[c.type],
    paramsSummary(c.type, c.params),
    c.status,
    ms('dispatched'),
    ms('acknowledged'),
    ms('done'),
    c.issuedBy,
    c.attempts,
    c.outcome ?? '',
    c.traceId,
    c.actionId ?? c.orderId ?? '',
    c.batchId ?? '',
  ];
}

export interface Collected {
  commands: CommandView[];
  /** More commands match than one export holds (the file has the newest MAX_EXPORT_ROWS). */
  truncated: boolean;
}

type FetchPage = (input: LedgerFilter & { limit: number; cursor?: string }) => Promise<CommandPage>;

/** Reads every page of the filtered ledger, newest first, stopping at `max` commands. */
export async function collectLedger(
  fetchPage: FetchPage,
  filter: LedgerFilter,
  onProgress: (n: number) => void,
  max = MAX_EXPORT_ROWS,
): Promise<Collected> {
  const commands: CommandView[] = [];
  let cursor: string | undefined;
  for (;;) {
    const limit = Math.min(EXPORT_PAGE_SIZE, max - commands.length);
    const page = await fetchPage({ ...filter, limit, ...(cursor !== undefined && { cursor }) });
    commands.push(...page.items.slice(0, limit));
    onProgress(commands.length);
    if (!page.nextCursor || page.items.length === 0) return { commands, truncated: false };
    if (commands.length >= max) return { commands, truncated: true };
    cursor = page.nextCursor;
  }
}

/** "commands-2026-12-02T140307Z.csv". */
export function exportFileName(now: number): string {
  return `commands-${new Date(now).toISOString().slice(0, 19).replace(/:/g, '')}Z.csv`;
}
