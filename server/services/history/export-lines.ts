// GET /api/history/export: a window's VDA 5050 messages as JSON Lines, oldest first, read 30 s at a time (never the
// whole window in memory). REBUILT FROM HISTORY, not the original bytes: each raw sample becomes the visualization
// (or, for a sample taken from a state message, the state) message it came from, with the fields history keeps
// (vda-rebuild.ts); connection events become connection messages. receivedAt is the robot's header timestamp (the
// gateway's receive time is not kept). Windows older than the raw retention export the 1 s tier.
import type { ExportLine } from '../../domain/history/history-api';
import type { HistoryEvent } from '../../domain/history/history-event';
import { decodeSamples } from '../../domain/history/slice-codec';
import type { ConnectionState, VdaTopic } from '../../domain/vda5050/messages';
import { vdaTopic } from '../../domain/vda5050/messages';
import type { ExportQuery } from '../../ports/history-reader';
import type { HistoryReaderDeps } from './history-reader';
import { tierAt } from './history-tiers';
import { applyEvent, EventCursor, eventsByRobot, SNAPSHOT_EVENT_KINDS, stateFromSnapshot, type ReplayState } from './snapshot-replay';
import { connectionOf, isStateSample, stateOf, visualizationOf, type RobotIdentity } from './vda-rebuild';

export const EXPORT_CHUNK_MS = 30_000;
const MAX_EVENTS_PER_CHUNK = 100_000;
const CONNECTION_STATES: readonly string[] = ['ONLINE', 'OFFLINE', 'CONNECTIONBROKEN', 'HIBERNATING'];

interface RobotExport {
  id: RobotIdentity;
  state: ReplayState | null;
  lastTs: number;
  connectionHeaderId: number;
}

export async function* exportLines(deps: HistoryReaderDeps, q: ExportQuery): AsyncGenerator<ExportLine> {
  const tier = tierAt(q.from, deps.clock.now(), deps.rawRetentionMs);
  const wanted = q.robotIds ? new Set(q.robotIds) : null;
  const robots = new Map<number, RobotExport>();
  for (const r of deps.fleet.list()) {
    if (wanted && !wanted.has(r.id)) continue;
    const version = r.protocolVersion?.startsWith('2.') ? r.protocolVersion : '2.0.0';
    robots.set(r.id, {
      id: { manufacturer: r.manufacturer, serialNumber: r.serialNumber, version },
      state: null,
      lastTs: -Infinity,
      connectionHeaderId: 0,
    });
  }
  if (robots.size === 0) return;
  const robotIds = [...robots.keys()];
  const topic = (r: RobotExport, t: VdaTopic) => vdaTopic(deps.iface, r.id.manufacturer, r.id.serialNumber, t);

  for (let c = q.from; c <= q.to; c += EXPORT_CHUNK_MS) {
    const cTo = Math.min(q.to, c + EXPORT_CHUNK_MS - 1);
    const [slices, events] = await Promise.all([
      deps.store.readSlices({ tier, from: c, to: cTo, robotIds }),
      deps.events.listEvents({ from: c, to: cTo, robotIds, kinds: SNAPSHOT_EVENT_KINDS, order: 'asc', limit: MAX_EVENTS_PER_CHUNK }),
    ]);
    const evOf = eventsByRobot(events);
    const cursors = new Map<number, EventCursor>();
    const cursorOf = (id: number) => {
      let cur = cursors.get(id);
      if (!cur) cursors.set(id, (cur = new EventCursor(evOf.get(id) ?? [])));
      return cur;
    };
    const lines: ExportLine[] = [];
    const flushEvents = (r: RobotExport, robotId: number, t: number) => {
      for (const e of cursorOf(robotId).takeUntil(t)) {
        if (r.state) applyEvent(r.state, e);
        const to = connectionTo(e);
        if (to) {
          const msg = connectionOf(r.id, r.connectionHeaderId++, e.ts, to);
          lines.push({ topic: topic(r, 'connection'), receivedAt: e.ts, payload: { ...msg } });
        }
      }
    };
    for (const slice of slices) {
      const r = robots.get(slice.robotId);
      if (!r) continue;
      if (!r.state) r.state = stateFromSnapshot(slice.snapshot);
      for (const s of decodeSamples(slice.data)) {
        // A state and a visualization message of one tick share a ts: both are exported.
        if (s.ts < c || s.ts > cTo || s.ts < r.lastTs) continue;
        r.lastTs = s.ts;
        // Events of the same ms were caused by this message: they shape its rebuilt state and follow it in the file.
        flushEvents(r, slice.robotId, s.ts - 1);
        for (const e of cursorOf(slice.robotId).peekAt(s.ts)) applyEvent(r.state, e);
        const state = isStateSample(s);
        const payload = state ? stateOf(r.id, s, r.state) : visualizationOf(r.id, s);
        lines.push({ topic: topic(r, state ? 'state' : 'visualization'), receivedAt: s.ts, payload: { ...payload } });
      }
    }
    for (const [robotId, r] of robots) if (evOf.has(robotId)) flushEvents(r, robotId, cTo);
    lines.sort((a, b) => a.receivedAt - b.receivedAt);
    yield* lines;
  }
}

function connectionTo(e: HistoryEvent): ConnectionState | null {
  if (e.kind !== 'connection') return null;
  const to = e.detail.to ?? e.detail.connectionState;
  return typeof to === 'string' && CONNECTION_STATES.includes(to) ? (to as ConnectionState) : null;
}
