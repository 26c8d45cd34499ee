// In-memory fakes of the history ports for the reader's unit tests: slices and events held in arrays, queried the
// way the ports promise (slices overlapping a window ordered by robot then start; latest slice at a moment).
import type { HistoryEvent, HistoryEventKind } from '../../domain/history/history-event';
import { eventCategory } from '../../domain/history/history-event';
import { HISTORY_SOURCE, type HistorySample } from '../../domain/history/history-sample';
import type { SliceRow, SliceSnapshot, SliceTier } from '../../domain/history/slice';
import { encodeSamples } from '../../domain/history/slice-codec';
import type { RobotView } from '../../domain/robot';
import type { EventQuery, HistoryEventReader, HistoryStore } from '../../ports/history-store';

export function memoryStore(rows: SliceRow[]): HistoryStore & { reads: number } {
  const ids = (r?: readonly number[]) => (r ? new Set(r) : null);
  const store = {
    reads: 0,
    async writeSlices(r: readonly SliceRow[]) {
      rows.push(...r);
    },
    async readSlices(q: { tier: SliceTier; from: number; to: number; robotIds?: readonly number[] }) {
      store.reads++;
      const want = ids(q.robotIds);
      return rows
        .filter((r) => r.tier === q.tier && r.startMs <= q.to && r.endMs >= q.from && (!want || want.has(r.robotId)))
        .sort((a, b) => a.robotId - b.robotId || a.startMs - b.startMs);
    },
    async slicesAt(q: { tier: SliceTier; at: number; maxGapMs: number; robotIds?: readonly number[] }) {
      const want = ids(q.robotIds);
      const best = new Map<number, SliceRow>();
      for (const r of rows) {
        if (r.tier !== q.tier || r.startMs > q.at || r.endMs < q.at - q.maxGapMs || (want && !want.has(r.robotId))) continue;
        const b = best.get(r.robotId);
        if (!b || b.startMs < r.startMs) best.set(r.robotId, r);
      }
      return [...best.values()];
    },
    async deleteSlicesBefore() {
      return 0;
    },
    async countSamples() {
      return rows.reduce((n, r) => n + r.count, 0);
    },
  };
  return store;
}

export function memoryEvents(events: HistoryEvent[]): HistoryEventReader {
  return {
    async listEvents(q: EventQuery) {
      const want = q.robotIds ? new Set(q.robotIds) : null;
      const kinds = q.kinds ? new Set<HistoryEventKind>(q.kinds) : null;
      const hit = events
        .filter(
          (e) => e.ts >= q.from && e.ts <= q.to && (!want || (e.robotId !== null && want.has(e.robotId))) && (!kinds || kinds.has(e.kind)),
        )
        .sort((a, b) => (q.order === 'asc' ? a.ts - b.ts : b.ts - a.ts));
      return hit.slice(0, q.limit);
    },
  };
}

let nextEvent = 1;
export function event(robotId: number, ts: number, kind: HistoryEventKind, detail: Record<string, unknown> = {}): HistoryEvent {
  return { id: `r:${nextEvent++}`, robotId, ts, kind, category: eventCategory(kind)!, level: 'info', summary: kind, detail };
}

export function sample(ts: number, o: Partial<HistorySample> = {}): HistorySample {
  return {
    ts,
    source: HISTORY_SOURCE.visualization,
    headerId: Math.floor(ts / 100),
    x: ts / 1000,
    y: 1,
    theta: 0.5,
    mapId: 'hall',
    speed: 1,
    battery: 80,
    driving: true,
    paused: false,
    charging: false,
    operatingMode: 'AUTOMATIC',
    ...o,
  };
}

export function slice(robotId: number, tier: SliceTier, samples: HistorySample[], snapshot: SliceSnapshot | null = null): SliceRow {
  return {
    robotId,
    tier,
    startMs: samples[0]!.ts,
    endMs: samples[samples.length - 1]!.ts,
    count: samples.length,
    snapshot,
    data: encodeSamples(samples),
  };
}

export function robotView(id: number, o: Partial<RobotView> = {}): RobotView {
  return {
    id,
    manufacturer: 'Acme',
    serialNumber: `R-${id}`,
    name: `Robot ${id}`,
    connection: 'ONLINE',
    pose: null,
    speed: 0,
    battery: null,
    charging: false,
    driving: false,
    paused: false,
    operatingMode: null,
    errors: [],
    orderId: null,
    lastNodeId: null,
    lastSeenAt: null,
    protocolVersion: '2.0.0',
    ...o,
  };
}

/** Samples every `everyMs` over [from, to]. */
export function samplesEvery(
  from: number,
  to: number,
  everyMs: number,
  o: (ts: number) => Partial<HistorySample> = () => ({}),
): HistorySample[] {
  const out: HistorySample[] = [];
  for (let t = from; t <= to; t += everyMs) out.push(sample(t, o(t)));
  return out;
}
