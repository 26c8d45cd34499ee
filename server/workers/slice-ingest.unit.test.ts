// Slices relayed over the bus by a node without the ingest role reach an ingest node's store intact; what is not a
// slice is refused and counted, never thrown.
import { describe, expect, it } from 'vitest';
import { createInProcessBus } from '../adapters/bus/in-process';
import { newEnvelope } from '../domain/envelope';
import { SLICE_TIER, type SliceRow } from '../domain/history/slice';
import { memoryStore } from '../services/history/history-fakes';
import { relaySliceStore, SLICE_SUBJECT } from '../services/history/slice-relay';
import { testLogger } from '../testing/test-env';
import { createSliceIngest } from './slice-ingest';

const clock = { now: () => 1_000 };
const row = (robotId: number, startMs: number): SliceRow => ({
  robotId,
  tier: SLICE_TIER.raw,
  startMs,
  endMs: startMs + 500,
  count: 3,
  snapshot: {
    connection: 'ONLINE',
    errors: [],
    orderId: null,
    lastNodeId: null,
    charging: false,
    operatingMode: null,
    protocolVersion: '2.1.0',
  },
  data: new Uint8Array([7, 0, 255, 3]),
});

describe('history slices relayed to an ingest node', () => {
  it('are written as they were built, with the envelope id naming the slice', async () => {
    const bus = createInProcessBus();
    const ids: string[] = [];
    bus.subscribe(SLICE_SUBJECT, (e) => void ids.push(e.id));
    const stored: SliceRow[] = [];
    const ingest = createSliceIngest({ bus, store: memoryStore(stored), clock, logger: testLogger });
    const relay = relaySliceStore(memoryStore([]), bus, clock, 'node-gw');
    await relay.writeSlices([row(1, 100), row(2, 200)]);
    await new Promise((r) => setTimeout(r, 20));
    await ingest.flush();
    expect(stored).toEqual([row(1, 100), row(2, 200)]);
    expect(ids).toEqual(['slice.1.0.100.3', 'slice.2.0.200.3']);
    expect(ingest.stats()).toMatchObject({ written: 2, refused: 0 });
    await ingest.stop();
  });

  it('refuses what is not a slice, counted and named', async () => {
    const bus = createInProcessBus();
    const stored: SliceRow[] = [];
    const ingest = createSliceIngest({ bus, store: memoryStore(stored), clock, logger: testLogger });
    const bad: unknown[] = [
      null,
      { ...row(1, 1), data: 'AQ==', robotId: -1 },
      { ...row(1, 1), data: 'AQ==', tier: 7 },
      { ...row(1, 1), data: 'AQ==', endMs: 0 },
      { ...row(1, 1), data: 'AQ==', count: 0 },
      { ...row(1, 1), data: 42 },
      { ...row(1, 1), data: '' },
      { ...row(1, 1), data: 'AQ==', snapshot: 'x' },
    ];
    for (const payload of bad)
      bus.publish(newEnvelope({ subject: SLICE_SUBJECT, source: 'hostile', producedAt: 1, receivedAt: 1, payload }));
    await new Promise((r) => setTimeout(r, 20));
    await ingest.flush();
    expect(stored).toEqual([]);
    expect(ingest.stats().refused).toBe(bad.length);
    expect(ingest.stats().lastRefusal).toMatch(/^hostile: /);
    expect(bus.stats().handlerErrors).toBe(0);
    await ingest.stop();
  });
});
