import { describe, expect, it } from 'vitest';
import { newEnvelope, type Envelope } from '../domain/envelope';
import type { Hop } from '../domain/flow/hop';
import { SLICE_TIER, type SliceRow } from '../domain/history/slice';
import type { HistoryStore } from '../ports/history-store';
import type { EnvelopeHandler, MessageBus } from '../ports/message-bus';
import { createFlowRecorder } from '../services/flow/flow-recorder';
import { HISTORY_FLOW, traceHistoryWriting } from './history-tracing';

function fakeBus() {
  const subs: { subject: string; handler: EnvelopeHandler; name?: string }[] = [];
  const bus: MessageBus = {
    kind: 'fake',
    publish: (env) => {
      for (const s of subs) if (s.subject === env.subject) void s.handler(env);
    },
    subscribe: (subject, handler, opts) => {
      subs.push({ subject, handler, name: opts?.name });
      return { unsubscribe() {} };
    },
    stats: () => ({ published: 0, delivered: 0, handlerErrors: 0, pending: 0 }),
    close: async () => {},
  };
  return { bus, subs };
}

function fakeStore(fail = false) {
  const written: SliceRow[] = [];
  const no = () => Promise.reject(new Error('not used'));
  const store: HistoryStore = {
    writeSlices: async (rows) => {
      if (fail) throw new Error('database down');
      written.push(...rows);
    },
    readSlices: no,
    slicesAt: no,
    deleteSlicesBefore: no,
    countSamples: no,
  };
  return { store, written };
}

const pose = (robotId: number, producedAt: number, sampled: boolean): Envelope =>
  newEnvelope({
    subject: 'robot.visualization',
    source: 'gateway:vda5050-mqtt',
    producedAt,
    receivedAt: producedAt,
    sampled,
    payload: { robotId, topic: 'visualization', message: { headerId: 1, agvPosition: { x: 1, y: 2, theta: 0, mapId: 'm' } } },
  });

const slice = (robotId: number, tier: 0 | 1, startMs: number, endMs: number, count: number, bytes: number): SliceRow => ({
  robotId,
  tier,
  startMs,
  endMs,
  count,
  snapshot: null,
  data: new Uint8Array(bytes),
});

function setup(fail = false) {
  const rec = createFlowRecorder({ sampleRate: 1 });
  const hops: Hop[] = [];
  rec.addSink({ write: (h) => void hops.push(h) });
  const b = fakeBus();
  const s = fakeStore(fail);
  const traced = traceHistoryWriting({ bus: b.bus, store: s.store }, rec);
  const edge = () => {
    const e = rec.edges().find((x) => x.source === HISTORY_FLOW.worker && x.target === HISTORY_FLOW.table)!;
    return e.window.read(rec.wallNow(), () => Number.NaN).totals;
  };
  return { rec, hops, ...b, ...s, traced, edge };
}

describe('history writer tracing', () => {
  it('without a recorder the bus and store are handed over untouched', () => {
    const b = fakeBus();
    const s = fakeStore();
    const t = traceHistoryWriting({ bus: b.bus, store: s.store }, undefined);
    expect(t.bus).toBe(b.bus);
    expect(t.store).toBe(s.store);
  });

  it("subscribes under the writer's node name, whatever name the writer gives", () => {
    const t = setup();
    t.traced.bus.subscribe('robot.visualization', () => {}, { name: 'something-else' });
    expect(t.subs[0]!.name).toBe('history');
  });

  it('a committed batch counts the raw samples and the packed bytes of every tier, with its commit time', async () => {
    const t = setup();
    await t.traced.store.writeSlices([slice(1, SLICE_TIER.raw, 0, 29_900, 300, 1200), slice(1, SLICE_TIER.second, 0, 29_000, 30, 200)]);
    expect(t.edge()).toMatchObject({ messages: 300, bytes: 1400, latencyCount: 1, errors: 0 });
    expect(t.written).toHaveLength(2);
  });

  it('a sampled pose gets history.commit when the raw slice holding it is written, not before', async () => {
    const t = setup();
    const seen: Envelope[] = [];
    t.traced.bus.subscribe('robot.visualization', (env) => void seen.push(env));
    t.bus.publish(pose(7, 10_000, true));
    t.bus.publish(pose(7, 10_100, false));
    expect(seen).toHaveLength(2);
    // Another robot's slice and a slice of the 1 s tier do not commit it.
    await t.traced.store.writeSlices([slice(8, SLICE_TIER.raw, 0, 20_000, 5, 10), slice(7, SLICE_TIER.second, 0, 20_000, 5, 10)]);
    expect(t.hops).toHaveLength(0);
    await t.traced.store.writeSlices([slice(7, SLICE_TIER.raw, 9_000, 12_000, 31, 100)]);
    expect(t.hops).toHaveLength(1);
    expect(t.hops[0]).toMatchObject({ node: HISTORY_FLOW.table, operation: 'history.commit', outcome: 'ok', robotId: 7 });
    expect(t.hops[0]!.endMs).toBeGreaterThanOrEqual(t.hops[0]!.startMs);
    // Once only.
    await t.traced.store.writeSlices([slice(7, SLICE_TIER.raw, 9_000, 12_000, 31, 100)]);
    expect(t.hops).toHaveLength(1);
  });

  it('a failed batch is an error on the edge and still fails for the writer (which retries)', async () => {
    const t = setup(true);
    await expect(t.traced.store.writeSlices([slice(1, SLICE_TIER.raw, 0, 1, 2, 3)])).rejects.toThrow(/database down/);
    expect(t.edge()).toMatchObject({ messages: 0, errors: 1 });
  });
});
