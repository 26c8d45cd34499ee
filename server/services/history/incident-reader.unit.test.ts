// The incident reader with in-memory ports: which windows it reads, that the robot's and app-wide events are lined
// up, and what the view says of the data path when tracing is off or its traces cannot be read.
import { describe, expect, it } from 'vitest';
import type { TraceSummary } from '../../domain/flow/hop';
import type { FleetAt, RobotAtView } from '../../domain/history/history-api';
import { eventCategory, type HistoryEvent, type HistoryEventKind } from '../../domain/history/history-event';
import type { FlowReader } from '../../ports/flow-reader';
import type { HistoryReader } from '../../ports/history-reader';
import type { EventQuery, HistoryEventReader } from '../../ports/history-store';
import { createIncidentReader } from './incident-reader';

const AT = 1_800_000_000_000;
const ev = (
  id: string,
  kind: HistoryEventKind,
  dtSec: number,
  robotId: number | null,
  detail: Record<string, unknown> = {},
): HistoryEvent => ({
  id,
  robotId,
  ts: AT + dtSec * 1000,
  kind,
  category: eventCategory(kind)!,
  level: 'info',
  summary: kind,
  detail,
});

const STORED: HistoryEvent[] = [
  ev('c:x:0', 'command_issued', -5, 7, { type: 'pause', issuedBy: 'Otto', commandId: 'x' }),
  ev('r:1', 'paused', -4, 7),
  ev('r:2', 'paused', -4, 8),
  ev('a:app:opened', 'alert_opened', -7200, null),
  ev('r:3', 'fault_injected', -3, null, { kind: 'brokerDown' }),
  ev('r:4', 'resumed', 30, 7),
];

function fakeEvents(queries: EventQuery[], stored: readonly HistoryEvent[] = STORED): HistoryEventReader {
  return {
    async listEvents(q) {
      queries.push(q);
      const rows = stored
        .filter(
          (e) =>
            e.ts >= q.from &&
            e.ts <= q.to &&
            (!q.robotIds || (e.robotId !== null && q.robotIds.includes(e.robotId))) &&
            (!q.kinds || q.kinds.includes(e.kind)),
        )
        .sort((a, b) => (q.order === 'asc' ? a.ts - b.ts : b.ts - a.ts));
      return rows.slice(0, q.limit);
    },
  };
}

const robot = { id: 7, name: 'SIM-0007', status: 'paused', sampleAt: AT - 100 } as RobotAtView;
const history = { fleetAt: async (at: number): Promise<FleetAt> => ({ at, tier: 'raw', robots: [robot] }) } as HistoryReader;
const trace = (dt: number, ms: number): TraceSummary => ({
  traceId: 'a'.repeat(32),
  kind: 'telemetry',
  robotId: 7,
  subject: 'robot.state',
  startedAt: AT + dt,
  endedAt: AT + dt + ms,
  hops: 4,
  outcome: 'ok',
});

describe('incident reader', () => {
  it('lines up the robot, its events and app-wide ones, the open alerts and the verdict', async () => {
    const queries: EventQuery[] = [];
    const searches: unknown[] = [];
    const flow = { search: async (p: unknown) => (searches.push(p), [trace(-1000, 12)]) } as unknown as FlowReader;
    const view = await createIncidentReader({ history, events: fakeEvents(queries), flow }).why({ robotId: 7, at: AT });
    expect(view).toMatchObject({ robotId: 7, at: AT, from: AT - 300_000, to: AT + 60_000, tier: 'raw', robot });
    expect(view.events.map((e) => e.id)).toEqual(['c:x:0', 'r:1', 'r:3', 'r:4']);
    expect(view.verdict).toMatchObject({ reason: 'command', user: 'Otto', eventId: 'c:x:0' });
    expect(view.openAlerts.map((a) => a.alertId)).toEqual(['app']);
    expect(view.flow).toMatchObject({ tracing: 'on', traces: 1, p50Ms: 12 });
    // Every read is bounded, and traces are read only around the moment.
    expect(queries.every((q) => q.limit > 0 && q.limit <= 2_000)).toBe(true);
    expect(searches).toEqual([{ robotId: 7, fromMs: AT - 120_000, toMs: AT + 60_000, limit: 500 }]);
  });

  it('caps the window it is asked for', async () => {
    const view = await createIncidentReader({ history, events: fakeEvents([]), flow: null }).why({
      robotId: 7,
      at: AT,
      beforeMs: 30 * 24 * 3600_000,
      afterMs: 30 * 24 * 3600_000,
    });
    expect(view.to - view.at).toBe(3600_000);
    expect(view.at - view.from).toBe(6 * 3600_000);
  });

  it('says tracing is off, or that traces could not be read, and still answers', async () => {
    const off = await createIncidentReader({ history, events: fakeEvents([]), flow: null }).why({ robotId: 7, at: AT });
    expect(off.flow).toEqual({ tracing: 'off' });
    const broken = { search: () => Promise.reject(new Error('relation "trace_hops" does not exist')) } as unknown as FlowReader;
    const failed = await createIncidentReader({ history, events: fakeEvents([]), flow: broken }).why({ robotId: 7, at: AT });
    expect(failed.flow).toEqual({ tracing: 'failed', message: 'the traces of this moment could not be read' });
    expect(failed.verdict.reason).toBe('command');
  });

  it('looks before the window for a stop long ago, and widens the window to its cause', async () => {
    const long = [
      ev('c:old:0', 'command_issued', -7200, 7, { type: 'pause', issuedBy: 'Ana', commandId: 'old' }),
      ev('r:10', 'paused', -7199, 7),
      ev('r:11', 'battery_low', -3000, 7),
    ];
    const queries: EventQuery[] = [];
    const view = await createIncidentReader({ history, events: fakeEvents(queries, long), flow: null }).why({ robotId: 7, at: AT });
    expect(view.verdict).toMatchObject({ reason: 'command', user: 'Ana', eventId: 'c:old:0', stoppedAt: AT - 7_199_000 });
    expect(view.from).toBe(AT - 7_200_000 - 60_000);
    expect(view.events.map((e) => e.id)).toEqual(['c:old:0', 'r:10', 'r:11']);
    // Still bounded: one more read, of the robot's own events.
    expect(queries.at(-1)).toMatchObject({ robotIds: [7], order: 'desc', limit: 300, to: AT - 300_000 - 1 });
  });
});
