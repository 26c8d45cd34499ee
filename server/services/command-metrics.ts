// Commands counted for /metrics: each command's final status once, with how long it took from issue to final,
// and how long from issue to the robot's acknowledgement. It follows the ledger's change feed (a command changes
// several times, and a change may be delivered again), so it remembers the ids it has counted in bounded maps;
// figures are kept here as plain numbers and turned into Prometheus text by the metrics adapter at scrape time.
import { BoundedMap } from '../domain/bounded-map';
import { type CommandStatus, type CommandType, type CommandView, isFinal } from '../domain/commands/command';
import type { CommandLedger } from '../ports/command-ledger';

/** Upper bounds in seconds: instant actions answer in tens of ms, orders drive for minutes, TTLs run to hours. */
export const COMMAND_DURATION_BOUNDS_S: readonly number[] = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600];

/** Ids remembered per map: a change re-delivered after this many later commands would be counted again. */
export const DEFAULT_MAX_TRACKED = 20_000;

export interface DurationCounts {
  /** Observations per bound of COMMAND_DURATION_BOUNDS_S, not cumulative; the last slot is past the last bound. */
  buckets: number[];
  count: number;
  /** Sum of the observed durations, in seconds. */
  sum: number;
}

export interface FinishedCommands extends DurationCounts {
  type: CommandType;
  status: CommandStatus;
}

export interface AcknowledgedCommands extends DurationCounts {
  type: CommandType;
}

export interface CommandMetricsSnapshot {
  bounds: readonly number[];
  /** Issue → final status, per (type, final status) seen since start. */
  finished: FinishedCommands[];
  /** Issue → acknowledged by the robot, per type seen since start. */
  acknowledged: AcknowledgedCommands[];
}

export interface CommandMetrics {
  snapshot(): CommandMetricsSnapshot;
  stop(): void;
}

const emptyCounts = (): DurationCounts => ({ buckets: new Array<number>(COMMAND_DURATION_BOUNDS_S.length + 1).fill(0), count: 0, sum: 0 });

function observe(h: DurationCounts, fromMs: number, toMs: number): void {
  const s = Math.max(0, toMs - fromMs) / 1000;
  let i = COMMAND_DURATION_BOUNDS_S.findIndex((le) => s <= le);
  if (i === -1) i = COMMAND_DURATION_BOUNDS_S.length;
  h.buckets[i]!++;
  h.count++;
  h.sum += s;
}

const copy = (h: DurationCounts): DurationCounts => ({ buckets: [...h.buckets], count: h.count, sum: h.sum });

export function createCommandMetrics(deps: { ledger: Pick<CommandLedger, 'onChange'>; maxTracked?: number }): CommandMetrics {
  const max = deps.maxTracked ?? DEFAULT_MAX_TRACKED;
  // Keyed by `type\0status` and by type: at most 9 × 6 and 9 entries.
  const finished = new Map<string, FinishedCommands>();
  const acknowledged = new Map<CommandType, AcknowledgedCommands>();
  const counted = new BoundedMap<string, true>(max);
  const acked = new BoundedMap<string, true>(max);

  const onChange = (c: CommandView) => {
    if (counted.peek(c.id)) return;
    if (c.acknowledgedAt !== null && !acked.peek(c.id)) {
      acked.set(c.id, true);
      let a = acknowledged.get(c.type);
      if (!a) acknowledged.set(c.type, (a = { type: c.type, ...emptyCounts() }));
      observe(a, c.issuedAt, c.acknowledgedAt);
    }
    if (!isFinal(c.status)) return;
    counted.set(c.id, true);
    // A final command changes no more: its acknowledgement need not be remembered any longer.
    acked.delete(c.id);
    const key = `${c.type}\u0000${c.status}`;
    let f = finished.get(key);
    if (!f) finished.set(key, (f = { type: c.type, status: c.status, ...emptyCounts() }));
    observe(f, c.issuedAt, c.finishedAt ?? c.updatedAt);
  };
  const unsubscribe = deps.ledger.onChange(onChange);

  return {
    snapshot: () => ({
      bounds: COMMAND_DURATION_BOUNDS_S,
      finished: [...finished.values()].map((f) => ({ type: f.type, status: f.status, ...copy(f) })),
      acknowledged: [...acknowledged.values()].map((a) => ({ type: a.type, ...copy(a) })),
    }),
    stop: unsubscribe,
  };
}
