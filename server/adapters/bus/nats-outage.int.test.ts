// NATS stopped for 10 s under two running buses, two processes' worth (a NATS server of the test's own, killed with
// SIGKILL and started again on the same port and store): each says it is disconnected and reconnects by itself;
// what one published to a durable subject meanwhile reaches the other's one-node subscriber once; the other's live
// subscriber gets new messages again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newEnvelope } from '../../domain/envelope';
import type { MessageBus } from '../../ports/message-bus';
import { canRunPrivateNats, type PrivateNats, startPrivateNats } from '../../testing/private-nats';
import { createNatsBus } from './nats-jetstream';

const env = (subject: string, payload: unknown) => newEnvelope({ subject, source: 'test', producedAt: 1, receivedAt: 2, payload });
let nats: PrivateNats | null = null;
const buses: MessageBus[] = [];

beforeAll(async () => {
  if (canRunPrivateNats) nats = await startPrivateNats();
});
afterAll(async () => {
  for (const b of buses) await b.close();
  await nats?.destroy();
});

describe.skipIf(!canRunPrivateNats)('the NATS bus through a NATS outage', () => {
  it('reconnects by itself after 10 s down; events published meanwhile are written once, live delivery resumes', async () => {
    const a = await createNatsBus({ url: nats!.url, prefix: 'outage', unackedSubjects: ['robot.visualization'] });
    const b = await createNatsBus({ url: nats!.url, prefix: 'outage', unackedSubjects: ['robot.visualization'] });
    buses.push(a, b);
    const written: number[] = [];
    const live: number[] = [];
    b.subscribe('robot.event', async (e) => void written.push(e.payload as number), { name: 'writer', delivery: 'one-node' });
    b.subscribe('robot.visualization', (e) => void live.push(e.payload as number));
    await new Promise((r) => setTimeout(r, 300));
    a.publish(env('robot.event', 0));
    a.publish(env('robot.visualization', 0));
    await expect.poll(() => [written, live]).toEqual([[0], [0]]);

    await nats!.kill();
    await expect.poll(() => [a.stats().connected, b.stats().connected], { timeout: 10_000 }).toEqual([false, false]);
    for (let i = 1; i <= 5; i++) a.publish(env('robot.event', i));
    await new Promise((r) => setTimeout(r, 10_000));
    expect(a.stats().connected).toBe(false);
    await nats!.start();

    await expect.poll(() => [a.stats().connected, b.stats().connected], { timeout: 15_000 }).toEqual([true, true]);
    await expect.poll(() => [...written].sort((x, y) => x - y), { timeout: 20_000 }).toEqual([0, 1, 2, 3, 4, 5]);
    a.publish(env('robot.visualization', 1));
    await expect.poll(() => live, { timeout: 10_000 }).toEqual([0, 1]);
    await new Promise((r) => setTimeout(r, 500));
    expect(written).toHaveLength(6);
    expect(a.stats()).toMatchObject({ lost: 0, connected: true });
  }, 90_000);
});
