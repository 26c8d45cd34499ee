// The MessageBus contract, run against every adapter (in-process in the unit tests, NATS JetStream in the
// integration tests): what the workers rely on, whichever bus carries their messages.
import { describe, expect, it } from 'vitest';
import { type Envelope, newEnvelope } from '../domain/envelope';
import type { MessageBus } from '../ports/message-bus';

export interface BusUnderTest {
  bus: MessageBus;
  /** Waits until what was published so far has reached the subscribers (nothing to wait for in-process). */
  settle(): Promise<void>;
}

const env = (subject: string, payload: unknown = null) => newEnvelope({ subject, source: 'test', producedAt: 1, receivedAt: 2, payload });

/** Polls `check` until it passes or the time is up (a networked bus delivers asynchronously). */
async function eventually(check: () => void, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    try {
      return check();
    } catch (err) {
      if (Date.now() > end) throw err;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

export function busContract(label: string, make: () => Promise<BusUnderTest>): void {
  describe(`MessageBus contract: ${label}`, () => {
    const open = async (): Promise<BusUnderTest & { [Symbol.asyncDispose](): Promise<void> }> => {
      const b = await make();
      return { ...b, [Symbol.asyncDispose]: () => b.bus.close() };
    };

    it('delivers in publish order to every matching subscriber, exact and > wildcard', async () => {
      await using t = await open();
      const a: unknown[] = [];
      const b: unknown[] = [];
      t.bus.subscribe('robot.state', (e) => void a.push(e.payload));
      t.bus.subscribe('robot.>', (e) => void b.push(e.payload));
      await t.settle();
      for (let i = 1; i <= 50; i++) t.bus.publish(env(i % 2 ? 'robot.state' : 'robot.visualization', i));
      t.bus.publish(env('command.issued', 'other'));
      const odd = Array.from({ length: 25 }, (_, i) => 2 * i + 1);
      await eventually(() => expect(a).toEqual(odd));
      await eventually(() => expect(b).toEqual(Array.from({ length: 50 }, (_, i) => i + 1)));
      expect(t.bus.stats()).toMatchObject({ published: 51, delivered: 75, handlerErrors: 0 });
    });

    it('hands over the envelope intact: ids, times, trace context and a nested payload', async () => {
      await using t = await open();
      const got: Envelope[] = [];
      t.bus.subscribe('robot.state', (e) => void got.push(e));
      await t.settle();
      const sent = newEnvelope({
        subject: 'robot.state',
        source: 'gateway:vda5050-mqtt',
        producedAt: 1_700_000_000_123,
        receivedAt: 1_700_000_000_456,
        sampled: true,
        parentSpanId: 'abcdef0123456789',
        payload: { robotId: 7, message: { nodeStates: [{ nodeId: 'n1', sequenceId: 0 }], paused: false }, size: 2048 },
      });
      t.bus.publish(sent);
      await eventually(() => expect(got).toEqual([sent]));
    });

    it('counts a failing handler, sync or async, without stopping delivery to the others', async () => {
      const errors: string[] = [];
      const made = await make();
      await using t = { ...made, [Symbol.asyncDispose]: () => made.bus.close() };
      const bus = t.bus;
      const got: unknown[] = [];
      bus.subscribe(
        'x.y',
        () => {
          throw new Error('boom');
        },
        { name: 'sync-fail' },
      );
      bus.subscribe(
        'x.y',
        async () => {
          errors.push('async');
          throw new Error('async boom');
        },
        { name: 'async-fail' },
      );
      bus.subscribe('x.y', (e) => void got.push(e.payload));
      await t.settle();
      bus.publish(env('x.y', 'ok'));
      await eventually(() => expect(got).toEqual(['ok']));
      await eventually(() => expect(bus.stats().handlerErrors).toBe(2));
      expect(errors).toEqual(['async']);
    });

    it('stops delivering after unsubscribe', async () => {
      await using t = await open();
      let n = 0;
      const sub = t.bus.subscribe('x.z', () => void n++);
      await t.settle();
      t.bus.publish(env('x.z'));
      await eventually(() => expect(n).toBe(1));
      sub.unsubscribe();
      await t.settle();
      t.bus.publish(env('x.z'));
      await t.settle();
      await new Promise((r) => setTimeout(r, 100));
      expect(n).toBe(1);
    });

    it('shares one-node messages among the subscribers of one name: each handled once, by one of them', async () => {
      await using t = await open();
      const a: number[] = [];
      const b: number[] = [];
      const everyone: number[] = [];
      t.bus.subscribe('robot.event', (e) => void a.push(e.payload as number), { name: 'writer', delivery: 'one-node' });
      t.bus.subscribe('robot.event', (e) => void b.push(e.payload as number), { name: 'writer', delivery: 'one-node' });
      t.bus.subscribe('robot.event', (e) => void everyone.push(e.payload as number), { name: 'view' });
      await t.settle();
      for (let i = 0; i < 100; i++) t.bus.publish(env('robot.event', i));
      await eventually(() => expect([...a, ...b].sort((x, y) => x - y)).toEqual(Array.from({ length: 100 }, (_, i) => i)));
      expect(everyone).toHaveLength(100);
      await new Promise((r) => setTimeout(r, 100));
      expect(a.length + b.length).toBe(100);
    });

    it('hands a this-node subscriber every message this process publishes, live and durable subjects alike', async () => {
      await using t = await open();
      const got: string[] = [];
      t.bus.subscribe('robot.visualization', (e) => void got.push(`v${e.payload as number}`), { name: 'history', delivery: 'this-node' });
      t.bus.subscribe('robot.state', (e) => void got.push(`s${e.payload as number}`), { name: 'history', delivery: 'this-node' });
      await t.settle();
      for (let i = 0; i < 3; i++) {
        t.bus.publish(env('robot.visualization', i));
        t.bus.publish(env('robot.state', i));
      }
      await eventually(() => expect(got).toEqual(['v0', 's0', 'v1', 's1', 'v2', 's2']));
    });

    it('refuses to publish once closed, and says so in its stats', async () => {
      const { bus } = await make();
      await bus.close();
      expect(() => bus.publish(env('x.y'))).toThrow(/closed/);
      expect(bus.stats().closed).toBe(true);
    });
  });
}
