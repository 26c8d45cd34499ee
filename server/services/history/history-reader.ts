// The fleet's history read back (history.* and GET /api/history/export): each question in its own file.
// fleet-at.ts (a moment), range.ts (paged samples for animation), robot-series.ts (charts), export-lines.ts (JSON
// Lines, rebuilt from history); events are the event reader's, with the query checked here.
import { HistoryQueryError } from '../../domain/history/history-query-error';
import type { Clock } from '../../ports/clock';
import type { FleetReader } from '../../ports/fleet-reader';
import type { HistoryReader } from '../../ports/history-reader';
import type { EventQuery, HistoryEventReader, HistoryStore } from '../../ports/history-store';
import { exportLines } from './export-lines';
import { fleetAt } from './fleet-at';
import { rangePage } from './range';
import { robotSeries } from './robot-series';

export interface HistoryReaderDeps {
  store: HistoryStore;
  events: HistoryEventReader;
  fleet: FleetReader;
  clock: Clock;
  /** SAMPLE_RETENTION_HOURS in ms: older moments are answered from the 1 s tier. */
  rawRetentionMs: number;
  /** VDA_INTERFACE: the first level of the exported topics. */
  iface: string;
}

/** Most events one call returns (the router's limit stays below). */
export const MAX_EVENTS_PER_CALL = 5_000;

function checkWindow(q: { from: number; to: number }): void {
  if (!Number.isFinite(q.from) || !Number.isFinite(q.to) || q.from > q.to) throw new HistoryQueryError('from must not be after to');
}

export function createHistoryReader(deps: HistoryReaderDeps): HistoryReader {
  return {
    fleetAt: (at) => fleetAt(deps, at),
    range: async (q) => (checkWindow(q), rangePage(deps, q)),
    events: async (q: EventQuery) => {
      checkWindow(q);
      const limit = Math.max(1, Math.min(MAX_EVENTS_PER_CALL, Math.floor(q.limit)));
      return deps.events.listEvents({ ...q, limit, order: q.order ?? 'desc' });
    },
    robotSeries: async (q) => (checkWindow(q), robotSeries(deps, q)),
    exportLines: (q) => (checkWindow(q), exportLines(deps, q)),
  };
}
