// The NATS JetStream bus against the machine's NATS (BUS_URL, else nats://127.0.0.1:4222): the same contract as the
// in-process bus, then what only a durable bus does. Each test has its own subject prefix and stream, deleted after.
import { connect } from '@nats-io/transport-node';
import { afterAll, describe, expect, it } from 'vitest';
import { type Envelope, newEnvelope } from '../../domain/envelope';
import { busContract } from '../../testing/bus-contract';
import { createNatsBus, deleteNatsStream, MAX_DELIVER } from './nats-jetstream';

const URL = process.env.BUS_URL ?? 'nats://127.0.0.1:4222';
const prefixes: string[] = [];
const newPrefix = () => {
  const p = `fstest_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 7)}`;
  prefixes.push(p);
  return p;
};

const env = (subject: string, payload: unknown = null) => newEnvelope({ subject, source: 'test', producedAt: 1, receivedAt: 2, payload });

/** Waits until NATS has processed everything this connection sent (subscriptions included). */
const settleOf = (bus: Awaited<ReturnType<typeof createNatsBus>>) => async () => {
  await new Promise((r) => setTimeout(r, 50));
  await eventuallyIdle(bus);
};
async function eventuallyIdle(bus: Awaited<ReturnType<typeof createNatsBus>>) {
  for (let i = 0; i < 100 && bus.stats().pending > 0; i++) await new Promise((r) => setTimeout(r, 20));
}

afterAll(async () => {
  for (const p of prefixes) await deleteNatsStream(URL, p);
});

busContract('NATS JetStream', async () => {
  const bus = await createNatsBus({ url: URL, prefix: newPrefix() });
  return { bus, settle: settleOf(bus) };
});

describe('NATS JetStream bus', () => {
  it('fails fast with one line naming BUS_URL when NATS is not there', async () => {
    await expect(createNatsBus({ url: 'nats://127.0.0.1:1', prefix: newPrefix(), connectTimeoutMs: 1000 })).rejects.toThrow(
      /^BUS_URL nats:\/\/127\.0\.0\.1:1: NATS is not reachable/,
    );
  });

  it("a this-node subscriber gets its own process's messages only, other-nodes the others', every-node both", async () => {
    const prefix = newPrefix();
    const [a, b] = [
      await createNatsBus({ url: URL, prefix, unackedSubjects: ['robot.visualization'] }),
      await createNatsBus({ url: URL, prefix, unackedSubjects: ['robot.visualization'] }),
    ];
    const mine: unknown[] = [];
    const theirs: unknown[] = [];
    const all: unknown[] = [];
    for (const s of ['robot.visualization', 'robot.state']) {
      a.subscribe(s, (e) => void mine.push(e.payload), { name: 'history', delivery: 'this-node' });
      a.subscribe(s, (e) => void theirs.push(e.payload), { name: 'history-copy', delivery: 'other-nodes' });
      a.subscribe(s, (e) => void all.push(e.payload), { name: 'fleet-state' });
    }
    await settleOf(a)();
    await settleOf(b)();
    a.publish(env('robot.visualization', 'a-pose'));
    a.publish(env('robot.state', 'a-state'));
    b.publish(env('robot.visualization', 'b-pose'));
    b.publish(env('robot.state', 'b-state'));
    await expect.poll(() => [...all].sort()).toEqual(['a-pose', 'a-state', 'b-pose', 'b-state']);
    await new Promise((r) => setTimeout(r, 200));
    expect(mine).toEqual(['a-pose', 'a-state']);
    expect([...theirs].sort()).toEqual(['b-pose', 'b-state']);
    await a.close();
    await b.close();
  });

  it('keeps one-node messages for a subscriber that comes later under the same name (a restarted writer)', async () => {
    const prefix = newPrefix();
    const first = await createNatsBus({ url: URL, prefix });
    const got: number[] = [];
    const sub = first.subscribe('robot.event', (e) => void got.push(e.payload as number), { name: 'writer', delivery: 'one-node' });
    await settleOf(first)();
    first.publish(env('robot.event', 1));
    await expect.poll(() => got).toEqual([1]);
    sub.unsubscribe();
    // The writer is gone; messages go on arriving; a new process with the same name gets them all.
    for (let i = 2; i <= 5; i++) first.publish(env('robot.event', i));
    await settleOf(first)();
    const second = await createNatsBus({ url: URL, prefix });
    const later: number[] = [];
    second.subscribe('robot.event', (e) => void later.push(e.payload as number), { name: 'writer', delivery: 'one-node' });
    await expect.poll(() => later, { timeout: 10_000 }).toEqual([2, 3, 4, 5]);
    await first.close();
    await second.close();
  });

  it('delivers a one-node message again when its handler fails, and gives up after MAX_DELIVER tries', async () => {
    const bus = await createNatsBus({ url: URL, prefix: newPrefix() });
    let tries = 0;
    const done: string[] = [];
    bus.subscribe(
      'robot.event',
      async (e) => {
        if (e.payload === 'flaky' && ++tries < 3) throw new Error('database down');
        if (e.payload === 'poison') throw new Error('never works');
        done.push(e.payload as string);
      },
      { name: 'writer', delivery: 'one-node' },
    );
    await settleOf(bus)();
    bus.publish(env('robot.event', 'flaky'));
    bus.publish(env('robot.event', 'poison'));
    await expect.poll(() => done, { timeout: 15_000 }).toEqual(['flaky']);
    await expect.poll(() => bus.stats().handlerErrors, { timeout: 15_000 }).toBe(2 + MAX_DELIVER);
    await bus.close();
  });

  it('a one-node message whose process dies before its handler settles goes to the next process of that name', async () => {
    const prefix = newPrefix();
    const dying = await createNatsBus({ url: URL, prefix, ackWaitMs: 1000 });
    const seen: unknown[] = [];
    // The first writer takes the message and never commits it (its process is about to die).
    dying.subscribe('robot.event', (e) => (seen.push(e.payload), new Promise<void>(() => {})), { name: 'writer', delivery: 'one-node' });
    await settleOf(dying)();
    dying.publish(env('robot.event', 'unwritten'));
    await expect.poll(() => seen).toEqual(['unwritten']);
    await dying.close();
    const next = await createNatsBus({ url: URL, prefix });
    const written: unknown[] = [];
    next.subscribe('robot.event', async (e) => void written.push(e.payload), { name: 'writer', delivery: 'one-node' });
    await expect.poll(() => written, { timeout: 10_000 }).toEqual(['unwritten']);
    await next.close();
  });

  it('lets a one-node handler promises settle side by side (a batch commit acknowledges many at once)', async () => {
    const bus = await createNatsBus({ url: URL, prefix: newPrefix() });
    let open = 0;
    let most = 0;
    let done = 0;
    bus.subscribe(
      'robot.event',
      async () => {
        most = Math.max(most, ++open);
        await new Promise((r) => setTimeout(r, 100));
        open--;
        done++;
      },
      { name: 'writer', delivery: 'one-node' },
    );
    await settleOf(bus)();
    for (let i = 0; i < 50; i++) bus.publish(env('robot.event', i));
    await expect.poll(() => done, { timeout: 10_000 }).toBe(50);
    expect(most).toBeGreaterThan(1);
    await bus.close();
  });

  it("another process's every-node subscribers get its messages, durable and live, whole and in order", async () => {
    const prefix = newPrefix();
    const a = await createNatsBus({ url: URL, prefix, unackedSubjects: ['robot.visualization'] });
    const b = await createNatsBus({ url: URL, prefix, unackedSubjects: ['robot.visualization'] });
    const onB: Envelope[] = [];
    const onA: Envelope[] = [];
    b.subscribe('robot.>', (e) => void onB.push(e));
    a.subscribe('robot.>', (e) => void onA.push(e));
    await settleOf(b)();
    const sent = [
      newEnvelope({
        subject: 'robot.state',
        source: 'gateway',
        producedAt: 5,
        receivedAt: 6,
        sampled: true,
        payload: { robotId: 1, x: [1.5] },
      }),
      ...Array.from({ length: 20 }, (_, i) => env('robot.visualization', i)),
    ];
    for (const e of sent) a.publish(e);
    // B gets each once over NATS; A gets its own once, in-process (not echoed back).
    await expect.poll(() => onB.length).toBe(21);
    expect(onB.find((e) => e.subject === 'robot.state')).toEqual(sent[0]);
    expect(onB.filter((e) => e.subject === 'robot.visualization').map((e) => e.payload)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    await new Promise((r) => setTimeout(r, 200));
    expect(onA).toHaveLength(21);
    expect(onA[0]).toBe(sent[0]);
    await a.close();
    await b.close();
  });

  it('refuses one-node delivery on a live subject (nothing is stored to share out)', async () => {
    const bus = await createNatsBus({ url: URL, prefix: newPrefix(), unackedSubjects: ['robot.visualization'] });
    expect(() => bus.subscribe('robot.visualization', () => {}, { name: 'w', delivery: 'one-node' })).toThrow(/durable subjects/);
    expect(() => bus.subscribe('robot.>', () => {}, { name: 'w', delivery: 'one-node' })).toThrow(/durable subjects/);
    await bus.close();
  });

  it('stores a message published twice under one id once (a retried publish is not a second message)', async () => {
    const bus = await createNatsBus({ url: URL, prefix: newPrefix() });
    const got: unknown[] = [];
    bus.subscribe('robot.event', (e) => void got.push(e.payload), { name: 'writer', delivery: 'one-node' });
    await settleOf(bus)();
    const once = env('robot.event', 'x');
    bus.publish(once);
    bus.publish(once);
    bus.publish(env('robot.event', 'y'));
    await expect.poll(() => got).toEqual(['x', 'y']);
    await new Promise((r) => setTimeout(r, 200));
    expect(got).toEqual(['x', 'y']);
    await bus.close();
  });

  it('ignores and counts a message on its subjects that is not an envelope', async () => {
    const prefix = newPrefix();
    const bus = await createNatsBus({ url: URL, prefix });
    const got: unknown[] = [];
    bus.subscribe('robot.state', (e) => void got.push(e.payload));
    await settleOf(bus)();
    const nc = await connect({ servers: URL });
    nc.publish(`${prefix}.robot.state`, 'not json');
    nc.publish(`${prefix}.robot.state`, JSON.stringify({ id: 1 }));
    await nc.flush();
    await nc.close();
    // The bad ones come from another connection through NATS; this one's own is handed over in-process at once.
    await expect.poll(() => bus.stats().handlerErrors).toBe(2);
    bus.publish(env('robot.state', 'fine'));
    expect(got).toEqual(['fine']);
    await bus.close();
  });
});
