// The fleet's history, read back: what the history.* procedures and GET /api/history/export serve
// (implemented by server/services/history/history-reader.ts and incident-reader.ts).
import type { ExportLine, FleetAt, RangePage, RobotSeries, RobotSeriesField } from '../domain/history/history-api';
import type { HistoryEvent } from '../domain/history/history-event';
import type { IncidentView } from '../domain/history/incident-view';
import type { EventQuery } from './history-store';

export interface RangeQuery {
  from: number;
  to: number;
  robotIds?: readonly number[];
  /** At most one sample per robot per stepMs (0: every sample). */
  stepMs?: number;
  /** From the previous page's nextCursor. */
  cursor?: string;
}

export interface ExportQuery {
  from: number;
  to: number;
  robotIds?: readonly number[];
}

export interface HistoryReader {
  fleetAt(at: number): Promise<FleetAt>;
  range(q: RangeQuery): Promise<RangePage>;
  events(q: EventQuery): Promise<HistoryEvent[]>;
  robotSeries(q: { robotId: number; from: number; to: number; fields: readonly RobotSeriesField[] }): Promise<RobotSeries>;
  /** The window's VDA 5050 messages, oldest first, read slice by slice (never the whole window in memory). */
  exportLines(q: ExportQuery): AsyncIterable<ExportLine>;
}

export interface ImportReport {
  lines: number;
  published: number;
  /** Lines refused (not JSON, not an ExportLine, unknown topic), with the first few reasons. */
  refused: number;
  reasons: string[];
  robots: number;
  durationMs: number;
}

/** Replays an export into the running app through its MQTT broker, as if the robots were live. */
export interface HistoryImporter {
  importLines(lines: AsyncIterable<string>, o: { speed: number; signal?: AbortSignal }): Promise<ImportReport>;
}

export interface IncidentReader {
  why(q: { robotId: number; at: number; beforeMs?: number; afterMs?: number }): Promise<IncidentView>;
}
