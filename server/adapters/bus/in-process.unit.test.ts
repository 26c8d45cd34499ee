import { describe, expect, it } from 'vitest';
import { busContract } from '../../testing/bus-contract';
import { newEnvelope } from '../../domain/envelope';
import { createInProcessBus, subjectMatches } from './in-process';

busContract('in-process', async () => ({ bus: createInProcessBus(), settle: async () => {} }));

describe('in-process bus', () => {
  it('matches exact subjects and NATS-style > wildcards', () => {
    expect(subjectMatches('robot.state', 'robot.state')).toBe(true);
    expect(subjectMatches('robot.>', 'robot.state')).toBe(true);
    expect(subjectMatches('robot.>', 'command.issued')).toBe(false);
    expect(subjectMatches('>', 'anything')).toBe(true);
  });

  it('delivers synchronously, inside publish (the single process relies on it for ordering across subjects)', () => {
    const bus = createInProcessBus();
    const got: string[] = [];
    bus.subscribe('a', () => void got.push('a'));
    bus.subscribe('b', () => void got.push('b'));
    bus.publish(newEnvelope({ subject: 'a', source: 't', producedAt: 0, receivedAt: 0, payload: null }));
    got.push('between');
    bus.publish(newEnvelope({ subject: 'b', source: 't', producedAt: 0, receivedAt: 0, payload: null }));
    expect(got).toEqual(['a', 'between', 'b']);
  });

  it("an other-nodes subscriber gets nothing: every message here is this process's own", () => {
    const bus = createInProcessBus();
    const got: unknown[] = [];
    bus.subscribe('a', (e) => void got.push(e.payload), { delivery: 'other-nodes' }).unsubscribe();
    bus.subscribe('a', (e) => void got.push(e.payload), { delivery: 'other-nodes' });
    bus.publish(newEnvelope({ subject: 'a', source: 't', producedAt: 0, receivedAt: 0, payload: 1 }));
    expect(got).toEqual([]);
  });

  it('a lone one-node subscriber gets every message, and its group forgets it on unsubscribe', () => {
    const bus = createInProcessBus();
    const a: number[] = [];
    const b: number[] = [];
    const subA = bus.subscribe('e', (x) => void a.push(x.payload as number), { name: 'w', delivery: 'one-node' });
    bus.subscribe('e', (x) => void b.push(x.payload as number), { name: 'w', delivery: 'one-node' });
    for (let i = 0; i < 4; i++) bus.publish(newEnvelope({ subject: 'e', source: 't', producedAt: 0, receivedAt: 0, payload: i }));
    subA.unsubscribe();
    for (let i = 4; i < 6; i++) bus.publish(newEnvelope({ subject: 'e', source: 't', producedAt: 0, receivedAt: 0, payload: i }));
    expect(a).toEqual([0, 2]);
    expect(b).toEqual([1, 3, 4, 5]);
  });
});
