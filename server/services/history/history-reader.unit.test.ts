// The history reader on in-memory fakes of its ports: fleetAt, range paging, robotSeries thinning, export lines.
import { describe, expect, it } from 'vitest';
import { type ExportLine, ROBOT_STATUS_CODES } from '../../domain/history/history-api';
import { HISTORY_SOURCE } from '../../domain/history/history-sample';
import { SLICE_TIER, type SliceRow } from '../../domain/history/slice';
import type { RobotView } from '../../domain/robot';
import { createSchemaValidator } from '../../protocol/schema-validator';
import { event, memoryEvents, memoryStore, robotView, sample, samplesEvery, slice } from './history-fakes';
import { createHistoryReader } from './history-reader';
import { PAGE_SAMPLE_BUDGET } from './range-paging';

const T0 = Date.UTC(2026, 11, 2, 12, 0, 0);
const HOUR = 3600_000;

function reader(
  rows: SliceRow[],
  events = [] as ReturnType<typeof event>[],
  fleet: RobotView[] = [robotView(1), robotView(2)],
  now = T0 + HOUR,
) {
  const store = memoryStore(rows);
  const r = createHistoryReader({
    store,
    events: memoryEvents(events),
    fleet: { list: () => fleet, get: (id) => fleet.find((f) => f.id === id) },
    clock: { now: () => now },
    rawRetentionMs: 24 * HOUR,
    iface: 'uagv',
  });
  return { r, store };
}

/** Raw 30 s slices of robot `id` at 10 Hz over [from, to). */
function rawSlices(id: number, from: number, to: number, o: Parameters<typeof samplesEvery>[3] = () => ({})): SliceRow[] {
  const rows: SliceRow[] = [];
  for (let s = from; s < to; s += 30_000) rows.push(slice(id, SLICE_TIER.raw, samplesEvery(s, Math.min(to, s + 30_000) - 100, 100, o)));
  return rows;
}

describe('fleetAt', () => {
  it('takes pose and flags from the latest sample ≤ at and errors/order/connection from the snapshot carried by events', async () => {
    const snap = {
      connection: 'ONLINE' as const,
      errors: [],
      orderId: 'o-1',
      lastNodeId: 'n1',
      charging: false,
      operatingMode: 'AUTOMATIC' as const,
      protocolVersion: '2.0.0',
    };
    const rows = [slice(1, SLICE_TIER.raw, samplesEvery(T0, T0 + 29_900, 100), snap)];
    const events = [
      event(1, T0 + 1_000, 'error_raised', { errorType: 'bumper', errorLevel: 'FATAL', errorDescription: 'hit' }),
      event(1, T0 + 2_000, 'node_reached', { nodeId: 'n2' }),
      event(1, T0 + 9_000, 'error_cleared', { errorType: 'bumper', errorLevel: 'FATAL' }),
    ];
    const { r } = reader(rows, events);
    const at = await r.fleetAt(T0 + 5_050);
    expect(at.tier).toBe('raw');
    const one = at.robots.find((x) => x.id === 1)!;
    expect(one.sampleAt).toBe(T0 + 5_000);
    expect(one.pose).toEqual({ x: (T0 + 5_000) / 1000, y: 1, theta: 0.5, mapId: 'hall' });
    expect(one.errors).toEqual([{ errorType: 'bumper', errorLevel: 'FATAL', errorDescription: 'hit' }]);
    expect(one.status).toBe('error');
    expect(one.lastNodeId).toBe('n2');
    expect(one.orderId).toBe('o-1');
    expect((await r.fleetAt(T0 + 10_000)).robots.find((x) => x.id === 1)!.status).toBe('driving');
    // Robot 2 has no history: listed, offline, without pose.
    expect(at.robots.find((x) => x.id === 2)).toMatchObject({ pose: null, sampleAt: null, connection: 'OFFLINE', status: 'offline' });
  });

  it('shows a robot silent for over 60 s before `at` as offline without pose; nothing at all is tier none', async () => {
    const { r } = reader([slice(1, SLICE_TIER.raw, samplesEvery(T0, T0 + 1_000, 100))]);
    expect((await r.fleetAt(T0 + 30_000)).robots[0]!.sampleAt).toBe(T0 + 1_000);
    const later = await r.fleetAt(T0 + 120_000);
    expect(later.tier).toBe('none');
    expect(later.robots[0]).toMatchObject({ pose: null, status: 'offline' });
  });

  it('answers from the 1 s tier past the raw retention', async () => {
    const old = T0 - 48 * HOUR;
    const { r } = reader([slice(1, SLICE_TIER.second, samplesEvery(old, old + 299_000, 1000)), ...rawSlices(1, old, old + 30_000)]);
    const at = await r.fleetAt(old + 10_500);
    expect(at.tier).toBe('second');
    expect(at.robots[0]!.sampleAt).toBe(old + 10_000);
  });
});

describe('range', () => {
  it('pages a window in time order within the sample budget, reading only the slices each page needs', async () => {
    const fleet = Array.from({ length: 100 }, (_, i) => robotView(i + 1));
    const rows = fleet.flatMap((f) => rawSlices(f.id, T0, T0 + 120_000));
    const { r, store } = reader(rows, [], fleet);
    const pages = [];
    let cursor: string | undefined;
    do {
      const p = await r.range({ from: T0, to: T0 + 120_000, ...(cursor && { cursor }) });
      pages.push(p);
      cursor = p.nextCursor ?? undefined;
    } while (cursor);
    expect(pages[0]!.from).toBe(T0);
    for (let i = 1; i < pages.length; i++) expect(pages[i]!.from).toBe(pages[i - 1]!.to);
    expect(pages.at(-1)!.to).toBe(T0 + 120_000);
    let total = 0;
    for (const p of pages) {
      const n = p.tracks.reduce((s, t) => s + t.t.length, 0);
      expect(n).toBeLessThanOrEqual(PAGE_SAMPLE_BUDGET);
      total += n;
      for (const t of p.tracks) {
        expect(t.x.length).toBe(t.t.length);
        expect(t.t.every((ts, i) => i === 0 || ts > t.t[i - 1]!)).toBe(true);
        expect(t.t.every((ts) => ts >= p.from && ts <= p.to)).toBe(true);
      }
    }
    expect(total).toBe(100 * 1200); // every sample exactly once
    expect(store.reads).toBe(pages.length);
  });

  it('thins to one sample per step and codes status per ROBOT_STATUS_CODES', async () => {
    const rows = rawSlices(1, T0, T0 + 30_000, (ts) => ({ paused: ts >= T0 + 10_000 }));
    const { r } = reader(rows, [], [robotView(1)]);
    const first = await r.range({ from: T0, to: T0 + 29_999, stepMs: 500 });
    const rest = await r.range({ from: T0, to: T0 + 29_999, stepMs: 500, cursor: first.nextCursor! });
    expect(rest.nextCursor).toBeNull();
    const t = { t: [...first.tracks[0]!.t, ...rest.tracks[0]!.t], status: [...first.tracks[0]!.status, ...rest.tracks[0]!.status] };
    expect(t.t.length).toBe(60);
    expect(ROBOT_STATUS_CODES[t.status[0]!]).toBe('driving');
    expect(ROBOT_STATUS_CODES[t.status.at(-1)!]).toBe('paused');
  });

  it('ends a page early at the sample budget when the live fleet under-counts the robots in history', async () => {
    const rows = Array.from({ length: 100 }, (_, i) => rawSlices(i + 1, T0, T0 + 120_000)).flat();
    const { r } = reader(rows, [], []); // the live fleet knows none of them: pages are sized for one robot
    let cursor: string | undefined;
    let total = 0;
    let prevTo = T0;
    do {
      const p = await r.range({ from: T0, to: T0 + 120_000, ...(cursor && { cursor }) });
      expect(p.from).toBe(prevTo);
      prevTo = p.to;
      const n = p.tracks.reduce((s, t) => s + t.t.length, 0);
      expect(n).toBeLessThanOrEqual(PAGE_SAMPLE_BUDGET);
      total += n;
      cursor = p.nextCursor ?? undefined;
    } while (cursor);
    expect(total).toBe(100 * 1200);
  });

  it('refuses a cursor outside the window and from after to', async () => {
    const { r } = reader([]);
    await expect(r.range({ from: T0, to: T0 + 1000, cursor: String(T0 + 5000) })).rejects.toThrow(/cursor/);
    await expect(r.range({ from: T0 + 1, to: T0 })).rejects.toThrow(/from must not be after to/);
  });
});

describe('robotSeries', () => {
  it('gives ≤ 2000 points per field over a long window from the 1 s tier, with error counts from events', async () => {
    const rows: SliceRow[] = [];
    for (let s = T0 - 5 * HOUR; s < T0; s += 300_000)
      rows.push(
        slice(
          1,
          SLICE_TIER.second,
          samplesEvery(s, s + 299_000, 1000, (ts) => ({ battery: 50 + ((ts / 1000) % 10) })),
        ),
      );
    const events = [event(1, T0 - HOUR, 'error_raised', { errorType: 'e', errorLevel: 'WARNING' })];
    const { r } = reader(rows, events, [robotView(1)], T0);
    const s = await r.robotSeries({ robotId: 1, from: T0 - 5 * HOUR, to: T0, fields: ['battery', 'errors', 'status', 'x'] });
    expect(s.tier).toBe(SLICE_TIER.second);
    expect(s.t.length).toBeLessThanOrEqual(2000);
    expect(s.t.length).toBeGreaterThan(1500);
    expect(s.values.battery!.length).toBe(s.t.length);
    expect(s.values.errors![0]).toBe(0);
    expect(s.values.errors!.at(-1)).toBe(1);
    expect(s.values.speed).toBeUndefined();
  });
});

describe('robotSeries near now', () => {
  it('takes the last minutes of a long window reaching now from the raw tier (1 s slices are written when closed)', async () => {
    const rows: SliceRow[] = [];
    for (let s = T0 - HOUR; s < T0 - 600_000; s += 300_000) rows.push(slice(1, SLICE_TIER.second, samplesEvery(s, s + 299_000, 1000)));
    rows.push(...rawSlices(1, T0 - 600_000, T0));
    const { r } = reader(rows, [], [robotView(1)], T0);
    const s = await r.robotSeries({ robotId: 1, from: T0 - HOUR, to: T0, fields: ['x'] });
    expect(s.tier).toBe(SLICE_TIER.second);
    expect(s.t.at(-1)).toBeGreaterThan(T0 - 2_000);
    expect(s.t[0]).toBeLessThan(T0 - HOUR + 2_000);
  });
});

describe('exportLines', () => {
  it('rebuilds visualization, state and connection messages that the 2.x schemas accept, oldest first', async () => {
    const samples = samplesEvery(T0, T0 + 2_000, 100, (ts) =>
      ts % 1000 === 0 ? { source: HISTORY_SOURCE.state, headerId: ts / 1000 } : {},
    );
    const snap = {
      connection: 'ONLINE' as const,
      errors: [{ errorType: 'x', errorLevel: 'WARNING' as const }],
      orderId: 'o',
      lastNodeId: 'n',
      charging: false,
      operatingMode: null,
      protocolVersion: '2.0.0',
    };
    const events = [event(1, T0 + 2_000, 'connection', { from: 'ONLINE', to: 'OFFLINE' })];
    const { r } = reader([slice(1, SLICE_TIER.raw, samples, snap)], events, [robotView(1)]);
    const lines: ExportLine[] = [];
    for await (const l of r.exportLines({ from: T0, to: T0 + 2_500 })) lines.push(l);
    expect(lines.map((l) => l.topic.split('/').at(-1))).toEqual([
      'state',
      ...Array(9).fill('visualization'),
      'state',
      ...Array(9).fill('visualization'),
      'state',
      'connection',
    ]);
    expect(lines.every((l, i) => i === 0 || l.receivedAt >= lines[i - 1]!.receivedAt)).toBe(true);
    expect(lines[0]!.topic).toBe('uagv/v2/Acme/R-1/state');
    const v = createSchemaValidator();
    for (const l of lines) {
      const topic = l.topic.split('/').at(-1) as 'state' | 'visualization' | 'connection';
      expect(v.validate(topic, '2.0.0', l.payload), JSON.stringify(l)).toEqual({ ok: true });
    }
    expect(lines[0]!.payload).toMatchObject({ orderId: 'o', lastNodeId: 'n', errors: [{ errorType: 'x' }], agvPosition: { x: T0 / 1000 } });
    expect(lines[1]!.payload).toMatchObject({ headerId: Math.floor((T0 + 100) / 100), timestamp: new Date(T0 + 100).toISOString() });
    expect(lines.at(-1)!.payload).toMatchObject({ connectionState: 'OFFLINE' });
  });
});

it('sample() is a valid fixture', () => expect(sample(T0).ts).toBe(T0));
