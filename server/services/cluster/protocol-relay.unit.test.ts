// Two gateways and a web node on one bus, each with its own protocol book: every node reads every robot's stats
// (published each second), recent messages and verdicts (asked of the owning gateway).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createInProcessBus } from '../../adapters/bus/in-process';
import { createProtocolMonitor, type ProtocolMonitor } from '../../adapters/gateways/vda5050-mqtt/protocol-monitor';
import { CLUSTER_SUBJECTS } from '../../domain/cluster/cluster-subjects';
import { newEnvelope } from '../../domain/envelope';
import type { RobotView } from '../../domain/robot';
import type { Logger } from '../../ports/logger';
import type { MessageBus } from '../../ports/message-bus';
import { createRobotProtocolReader } from '../robot-protocol-reader';
import { createProtocolRelay } from './protocol-relay';
import { MAX_STATS_PER_MESSAGE } from './protocol-relay-messages';

const silent: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {}, child: () => silent };
const clock = { now: () => 5_000 };
/** Robot 1 (Acme/A-1) is gateway a's, robot 2 (Acme/B-1) gateway b's, robot 3 (Acme/C-1) nobody's. */
const serials: Record<number, string> = { 1: 'A-1', 2: 'B-1', 3: 'C-1' };
const fleet = {
  list: () => [],
  get: (id: number) => (serials[id] ? ({ id, manufacturer: 'Acme', serialNumber: serials[id] } as RobotView) : undefined),
};
const factsheets = { get: () => undefined };

function record(book: ProtocolMonitor, robot: string, headerId: number, topic = 'state') {
  book.recordInbound(robot, { topic, headerId, at: 1000 + headerId, size: 2, retained: false, text: `{"n":${headerId}}` });
}

const stops: Array<() => void> = [];
beforeEach(() => void vi.useFakeTimers());
afterEach(() => {
  for (const s of stops.splice(0)) s();
  vi.useRealTimers();
});

function node(bus: MessageBus, id: string, gateway: { prefix: string } | null, others = () => true) {
  const book = createProtocolMonitor();
  const relay = createProtocolRelay({
    bus,
    node: id,
    clock,
    logger: silent,
    book: gateway ? book : null,
    owns: (key) => gateway !== null && key.startsWith(gateway.prefix),
    others,
  });
  stops.push(() => relay.stop());
  const reader = createRobotProtocolReader({ fleet, book, factsheets, remote: relay });
  return { book, relay, reader };
}

function cluster() {
  const bus = createInProcessBus();
  const a = node(bus, 'gw-a', { prefix: 'Acme/A-' });
  const b = node(bus, 'gw-b', { prefix: 'Acme/B-' });
  const web = node(bus, 'web-1', null);
  for (let h = 1; h <= 5; h++) record(a.book, 'Acme/A-1', h);
  record(a.book, 'Acme/A-1', 9); // a gap: 3 lost
  record(b.book, 'Acme/B-1', 1, 'connection');
  return { bus, a, b, web };
}

describe('protocol relay: stats everywhere', () => {
  it('a node whose book lacks a robot reads its stats from the mirror after a publish tick', () => {
    const { a, b, web } = cluster();
    expect(web.reader.stats(1)).toBeUndefined();
    vi.advanceTimersByTime(1000);
    expect(web.reader.stats(1)).toEqual(a.book.stats('Acme/A-1'));
    expect(web.reader.stats(1)).toMatchObject({ lostMessages: 3, headerGaps: 1, received: { state: 6 } });
    expect(web.reader.stats(2)).toEqual(b.book.stats('Acme/B-1'));
    // Each gateway reads its own robots from its book and the other's from the mirror.
    expect(b.reader.stats(1)).toEqual(a.book.stats('Acme/A-1'));
    expect(a.reader.stats(1)).toEqual(a.book.stats('Acme/A-1'));
    expect(web.reader.stats(3)).toBeUndefined();
    expect(a.relay.counts()).toMatchObject({ statsPublished: 1, statsRobotsSent: 1, invalid: 0 });

    // Only what changed goes out on the next tick; the mirror follows.
    record(a.book, 'Acme/A-1', 10);
    vi.advanceTimersByTime(1000);
    expect(a.relay.counts()).toMatchObject({ statsPublished: 2, statsRobotsSent: 2 });
    expect(b.relay.counts().statsRobotsSent).toBe(1);
    expect(web.reader.stats(1)?.received).toEqual({ state: 7 });
  });

  it('batches at most MAX_STATS_PER_MESSAGE robots per message, and never publishes robots it does not own', () => {
    const bus = createInProcessBus();
    const a = node(bus, 'gw-a', { prefix: 'Acme/A-' });
    const web = node(bus, 'web-1', null);
    for (let i = 0; i < 1200; i++) record(a.book, `Acme/A-${i}`, 1);
    record(a.book, 'Acme/Z-1', 1); // in this book (e.g. before the robots moved), not its own now
    vi.advanceTimersByTime(1000);
    expect(a.relay.counts()).toMatchObject({ statsPublished: Math.ceil(1200 / MAX_STATS_PER_MESSAGE), statsRobotsSent: 1200 });
    expect(web.relay.counts().mirrorSize).toBe(1200);
    expect(web.relay.stats('Acme/Z-1')).toBeUndefined();
  });

  it('publishes every owned robot every fullEveryMs, for nodes that joined since', () => {
    const bus = createInProcessBus();
    const a = node(bus, 'gw-a', { prefix: 'Acme/A-' });
    record(a.book, 'Acme/A-1', 1);
    vi.advanceTimersByTime(1000);
    const late = node(bus, 'web-late', null);
    vi.advanceTimersByTime(28_000);
    expect(late.reader.stats(1)).toBeUndefined();
    vi.advanceTimersByTime(1000);
    expect(late.reader.stats(1)).toEqual(a.book.stats('Acme/A-1'));
  });

  it('with the in-process bus alone (no relay) the reader reads its book as before', async () => {
    const book = createProtocolMonitor();
    record(book, 'Acme/A-1', 1);
    const reader = createRobotProtocolReader({ fleet, book, factsheets });
    expect(reader.stats(1)).toEqual(book.stats('Acme/A-1'));
    expect(await reader.messages(1, 10)).toHaveLength(1);
    expect((await reader.conformance(1, 2000))?.rules.length).toBeGreaterThan(0);
  });
});

describe('protocol relay: messages and conformance on demand', () => {
  it('asks the owning gateway for recent messages and conformance', async () => {
    const { a, b, web } = cluster();
    const mine = a.book.messages('Acme/A-1', 3);
    expect(await web.reader.messages(1, 3)).toEqual(mine);
    expect(await b.reader.messages(1, 3)).toEqual(mine);
    expect(await web.reader.messages(2, 50)).toEqual(b.book.messages('Acme/B-1', 50));
    const report = await web.reader.conformance(1, 7000);
    expect(report).toEqual({
      robotId: 1,
      robot: 'Acme/A-1',
      protocolVersion: null,
      at: 7000,
      rules: a.book.conformance('Acme/A-1', 7000),
    });
    expect(a.relay.counts()).toMatchObject({ answered: 3 });
    expect(web.relay.counts()).toMatchObject({ asked: 3, answersReceived: 3, timeouts: 0, pending: 0 });
    // The owner reads its own book without asking.
    expect(await a.reader.messages(1, 2)).toEqual(a.book.messages('Acme/A-1', 2));
    expect(a.relay.counts().asked).toBe(0);
  });

  it('a robot no gateway has: empty after the timeout', async () => {
    const { web } = cluster();
    const messages = web.reader.messages(3, 10);
    const conformance = web.reader.conformance(3, 7000);
    expect(web.relay.counts().pending).toBe(2);
    await vi.advanceTimersByTimeAsync(1500);
    expect(await messages).toEqual([]);
    expect(await conformance).toBeUndefined();
    expect(web.relay.counts()).toMatchObject({ timeouts: 2, pending: 0 });
  });

  it('asks no one without other nodes, and answers empty at once past 200 pending asks', async () => {
    const bus = createInProcessBus();
    const alone = node(bus, 'web-1', null, () => false);
    expect(await alone.reader.messages(1, 10)).toEqual([]);
    expect(alone.relay.counts().asked).toBe(0);

    const web = node(bus, 'web-2', null);
    const asks = Array.from({ length: 201 }, () => web.reader.messages(3, 10));
    expect(web.relay.counts()).toMatchObject({ pending: 200, refused: 1 });
    expect(await asks[200]).toEqual([]);
    await vi.advanceTimersByTimeAsync(1500);
    expect((await Promise.all(asks)).every((m) => m.length === 0)).toBe(true);
  });

  it('clamps the limit and keeps an answer within the size bound', async () => {
    const bus = createInProcessBus();
    const a = node(bus, 'gw-a', { prefix: 'Acme/A-' });
    const web = node(bus, 'web-1', null);
    for (let h = 1; h <= 150; h++) record(a.book, 'Acme/A-1', h);
    const seen: unknown[] = [];
    bus.subscribe(CLUSTER_SUBJECTS.protocolAsk, (env) => void seen.push((env.payload as { limit: number }).limit));
    expect(await web.reader.messages(1, 5000)).toHaveLength(150);
    expect(await web.reader.messages(1, 0)).toHaveLength(1);
    expect(seen).toEqual([1000, 1]);

    const small = createInProcessBus();
    const tight = createProtocolRelay({
      ...{ bus: small, node: 'gw-a', clock, logger: silent, book: a.book, owns: () => true, others: () => true },
      options: { maxMessageChars: 1000 },
    });
    const asker = node(small, 'web-1', null);
    stops.push(() => tight.stop());
    const got = await asker.relay.messages('Acme/A-1', 100);
    expect(got.length).toBeGreaterThan(0);
    expect(got.length).toBeLessThan(100);
    expect(JSON.stringify(got).length).toBeLessThanOrEqual(1000);
    expect(tight.counts().trimmed).toBe(1);
  });
});

describe('protocol relay: hostile payloads', () => {
  const hostile: unknown[] = [
    null,
    'text',
    42,
    [],
    { node: 'x' },
    { node: 'x'.repeat(1000), robots: [] },
    { node: 'evil', robots: Array.from({ length: MAX_STATS_PER_MESSAGE + 1 }, () => ({})) },
  ];
  const publish = (bus: MessageBus, subject: string, payload: unknown) =>
    bus.publish(newEnvelope({ subject, source: 'evil', producedAt: 0, receivedAt: 0, payload }));

  it('counts malformed stats, asks and answers, never throws, and keeps the good entries of a batch', async () => {
    const { bus, a, web } = cluster();
    vi.advanceTimersByTime(1000);
    const before = web.relay.counts().invalid;
    for (const p of hostile) publish(bus, CLUSTER_SUBJECTS.protocolStats, p);
    expect(web.relay.counts().invalid - before).toBe(hostile.length);
    const good = a.book.stats('Acme/A-1')!;
    const bad = [
      { ...good, robot: 'Acme/E-1', invalid: -1 },
      { ...good, robot: 'Acme/E-2', received: { state: 'many' } },
      { ...good, robot: 'Acme/E-3', lastViolation: { at: 1 } },
      { ...good, robot: '' },
      { ...good, robot: 'Acme/E-4', received: Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`t${i}`, 1])) },
    ];
    publish(bus, CLUSTER_SUBJECTS.protocolStats, { node: 'evil', robots: [...bad, { ...good, robot: 'Acme/E-9' }] });
    expect(web.relay.counts().invalid - before).toBe(hostile.length + bad.length);
    expect(web.relay.stats('Acme/E-9')).toEqual({ ...good, robot: 'Acme/E-9' });
    expect(web.relay.stats('Acme/E-1')).toBeUndefined();
    // Asks: the gateways count them.
    for (const p of [...hostile, { id: 'q', from: 'evil', robot: 'Acme/A-1', what: 'drop tables', limit: 1, now: 0 }])
      publish(bus, CLUSTER_SUBJECTS.protocolAsk, p);
    expect(a.relay.counts().invalid).toBe(hostile.length + 1 + hostile.length + bad.length);
    expect(a.relay.counts().answered).toBe(0);

    // Forged answers to a pending ask: refused, and the ask still times out empty.
    const ids: string[] = [];
    bus.subscribe(CLUSTER_SUBJECTS.protocolAsk, (env) => void ids.push((env.payload as { id: string }).id));
    const asked = web.reader.messages(3, 10);
    const verdicts = web.reader.conformance(3, 0);
    const askId = ids[1]!;
    const invalidBefore = web.relay.counts().invalid;
    publish(bus, CLUSTER_SUBJECTS.protocolAnswer, {
      id: askId,
      to: 'web-1',
      from: 'evil',
      what: 'conformance',
      conformance: { rules: 'x' },
    });
    publish(bus, CLUSTER_SUBJECTS.protocolAnswer, {
      ...{ id: askId, to: 'web-1', from: 'evil', what: 'conformance' },
      conformance: { protocolVersion: null, rules: [{ id: 'r', title: 't', verdict: 'MAYBE', detail: '', evidence: [] }] },
    });
    publish(bus, CLUSTER_SUBJECTS.protocolAnswer, { id: askId, to: 'web-1', from: 'evil', what: 'messages', messages: [] });
    publish(bus, CLUSTER_SUBJECTS.protocolAnswer, 'nonsense');
    expect(web.relay.counts().invalid - invalidBefore).toBe(4);
    expect(web.relay.counts().answersReceived).toBe(0);
    await vi.advanceTimersByTimeAsync(1500);
    expect(await asked).toEqual([]);
    expect(await verdicts).toBeUndefined();
    expect(web.relay.counts()).toMatchObject({ timeouts: 2, pending: 0 });
    expect(bus.stats().handlerErrors).toBe(0);
  });
});
