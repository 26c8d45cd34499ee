'use client';
// The ledger's "Export CSV" button and what it is doing: rows read so far, how many the file holds, or why it failed.
import type { LedgerFilter } from '../command-merge';
import { MAX_EXPORT_ROWS } from './ledger-csv';
import { useLedgerExport } from './use-ledger-export';

export function LedgerExport({ filter, filtered }: { filter: LedgerFilter; filtered: boolean }) {
  const { state, run } = useLedgerExport(filter);
  return (
    <div className="ledger-export">
      <button
        type="button"
        className="small-button"
        disabled={state.phase === 'running'}
        onClick={() => void run()}
        data-testid="ledger-export"
        title={`Every command ${filtered ? 'matching the filters' : 'in the ledger'}, newest first, at most ${MAX_EXPORT_ROWS.toLocaleString()}`}
      >
        {state.phase === 'running' ? 'Exporting…' : 'Export CSV'}
      </button>
      <span role="status" className={state.phase === 'failed' ? 'bad' : 'muted'} data-testid="ledger-export-status">
        {state.phase === 'running'
          ? `${state.rows.toLocaleString()} commands read`
          : state.phase === 'done'
            ? state.truncated
              ? `The file holds the newest ${state.rows.toLocaleString()} commands: narrow the filters for older ones`
              : `${state.rows.toLocaleString()} ${state.rows === 1 ? 'command' : 'commands'} exported`
            : state.phase === 'failed'
              ? `Export failed: ${state.message}`
              : ''}
      </span>
    </div>
  );
}
