'use client';
// "Export CSV" of the ledger: reads every command matching the filters page by page (ledger-csv.ts, bounded),
// writes the CSV in the browser and hands it to the browser as a download. The CSV writer is loaded on first use.
import { useCallback, useRef, useState } from 'react';
import { useFleetStore } from '@/components/realtime/fleet-store';
import { useTRPCClient } from '@/components/trpc/trpc-context';
import { downloadText } from '@/components/ui/download';
import type { LedgerFilter } from '../command-merge';
import { collectLedger, CSV_COLUMNS, csvRecord, exportFileName } from './ledger-csv';

export type ExportState =
  | { phase: 'idle' }
  | { phase: 'running'; rows: number }
  | { phase: 'done'; rows: number; truncated: boolean }
  | { phase: 'failed'; message: string };

export function useLedgerExport(filter: LedgerFilter) {
  const client = useTRPCClient();
  const [state, setState] = useState<ExportState>({ phase: 'idle' });
  const running = useRef(false);
  const run = useCallback(async () => {
    if (running.current) return;
    running.current = true;
    setState({ phase: 'running', rows: 0 });
    try {
      const [{ stringify }, found] = await Promise.all([
        import('csv-stringify/browser/esm/sync'),
        collectLedger(
          (input) => client.commands.list.query(input),
          filter,
          (rows) => setState({ phase: 'running', rows }),
        ),
      ]);
      const robots = useFleetStore.getState().robots;
      const records = found.commands.map((c) => csvRecord(c, robots[c.robotId]?.serialNumber ?? `#${c.robotId}`));
      downloadText(stringify(records, { header: true, columns: [...CSV_COLUMNS] }), exportFileName(Date.now()), 'text/csv;charset=utf-8');
      setState({ phase: 'done', rows: records.length, truncated: found.truncated });
    } catch (e) {
      setState({ phase: 'failed', message: e instanceof Error ? e.message : String(e) });
    } finally {
      running.current = false;
    }
  }, [client, filter]);
  return { state, run };
}
