import { describe, expect, it } from 'vitest';
import { newEnvelope } from '../../domain/envelope';
import { createInProcessBus, subjectMatches } from './in-process';

const env = (subject: string, payload: unknown = null) => newEnvelope({ subject, source: 'test', producedAt: 1, receivedAt: 2, payload });

describe('in-process bus', () => {
  it('matches exact subjects and NATS-style > wildcards', () => {
    expect(subjectMatches('robot.state', 'robot.state')).toBe(true);
    expect(subjectMatches('robot.>', 'robot.state')).toBe(true);
    expect(subjectMatches('robot.>', 'command.issued')).toBe(false);
    expect(subjectMatches('>', 'anything')).toBe(true);
  });

  it('delivers in publish order to every matching subscriber', () => {
    const bus = createInProcessBus();
    const a: unknown[] = [];
    const b: unknown[] = [];
    bus.subscribe('robot.state', (e) => void a.push(e.payload));
    bus.subscribe('robot.>', (e) => void b.push(e.payload));
    bus.publish(env('robot.state', 1));
    bus.publish(env('robot.visualization', 2));
    bus.publish(env('robot.state', 3));
    expect(a).toEqual([1, 3]);
    expect(b).toEqual([1, 2, 3]);
    expect(bus.stats()).toMatchObject({ published: 3, delivered: 5, handlerErrors: 0 });
  });

  it('counts a failing handler without stopping the others', async () => {
    const errors: string[] = [];
    const bus = createInProcessBus({ onHandlerError: (name) => errors.push(name) });
    const got: unknown[] = [];
    bus.subscribe(
      'x',
      () => {
        throw new Error('boom');
      },
      { name: 'sync-fail' },
    );
    bus.subscribe(
      'x',
      async () => {
        throw new Error('async boom');
      },
      { name: 'async-fail' },
    );
    bus.subscribe('x', (e) => void got.push(e.payload));
    bus.publish(env('x', 'ok'));
    await new Promise((r) => setTimeout(r, 0));
    expect(got).toEqual(['ok']);
    expect(errors.sort()).toEqual(['async-fail', 'sync-fail']);
    expect(bus.stats().handlerErrors).toBe(2);
  });

  it('stops delivering after unsubscribe', () => {
    const bus = createInProcessBus();
    let n = 0;
    const sub = bus.subscribe('x', () => void n++);
    bus.publish(env('x'));
    sub.unsubscribe();
    bus.publish(env('x'));
    expect(n).toBe(1);
  });
});
