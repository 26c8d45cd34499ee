// Header checks and the per-robot protocol book, seen through tRPC (fleet.protocol, fleet.messages,
// fleet.factsheet) with a hand-written robot: gaps count as lost messages, a reconnect may restart the count,
// schema violations keep their JSON path, and the ring keeps recent messages in both directions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaller } from '../../../api/root';
import { contextAs } from '../../../testing/sign-in';
import { createApp, type App } from '../../../app';
import { stateRequest } from '../../../domain/vda5050/instant-actions';
import { robotLogin } from '../../../testing/mqtt-credentials';
import { testConfig, testLogger, waitFor } from '../../../testing/test-env';
import { HandWrittenRobot } from './testing/hand-written-robot';

const M = 'Hand Made';
let app: App;
let cleanup: () => Promise<void>;
let iface: string;
const robots: HandWrittenRobot[] = [];

beforeAll(async () => {
  const t = await testConfig();
  cleanup = t.cleanup;
  iface = t.config.VDA_INTERFACE;
  app = await createApp(t.config, { logger: testLogger, protocol: { factsheetGraceMs: 60_000 } });
  caller = createCaller(await contextAs(app, 'architect'));
});

afterAll(async () => {
  for (const r of robots) await r.close();
  await app?.stop();
  await cleanup?.();
});

const pose = (x: number) => ({ agvPosition: { x, y: 1, theta: 0, mapId: 'warehouse-1', positionInitialized: true } });
let caller: ReturnType<typeof createCaller>;
const api = () => caller;

async function connect(serial: string) {
  const r = await HandWrittenRobot.connect(app.brokerUrl, iface, M, serial, await robotLogin(app, M, serial));
  robots.push(r);
  return r;
}

async function idOf(serial: string) {
  return (await waitFor(`robot ${serial}`, () => app.runtime.fleet.list().find((v) => v.serialNumber === serial))).id;
}

describe('protocol header checks and stats', () => {
  it('counts a headerId gap as lost messages', async () => {
    const r = await connect('GAP-1');
    for (const h of [0, 1, 2, 5, 6]) await r.publish('visualization', pose(h), { headerId: h });
    const id = await idOf('GAP-1');
    const stats = await waitFor('5 visualizations counted', async () => {
      const s = await api().fleet.protocol({ id });
      return s?.received.visualization === 5 ? s : null;
    });
    expect(stats).toMatchObject({
      robot: `${M}/GAP-1`,
      protocolVersion: '2.0.0',
      headerGaps: 1,
      lostMessages: 2,
      headerRegressions: 0,
      invalid: 0,
    });
  });

  it('does not count a reset to a lower headerId after a reconnect', async () => {
    const first = await connect('RESET-1');
    await first.online();
    for (let h = 10; h < 14; h++) await first.publish('visualization', pose(h), { headerId: h });
    const id = await idOf('RESET-1');
    await waitFor('first run counted', async () => (await api().fleet.protocol({ id }))?.received.visualization === 4);
    await first.close();

    const again = await connect('RESET-1');
    await again.publish('connection', { connectionState: 'ONLINE' }, { headerId: 0, retain: true });
    for (let h = 0; h < 3; h++) await again.publish('visualization', pose(h), { headerId: h });
    const stats = await waitFor('second run counted', async () => {
      const s = await api().fleet.protocol({ id });
      return s?.received.visualization === 7 ? s : null;
    });
    expect(stats).toMatchObject({ headerGaps: 0, lostMessages: 0, headerRegressions: 0, headerResets: 2 }); // connection + visualization
  });

  it('shows a schema violation with its JSON path, and keeps recent messages both ways', async () => {
    const r = await connect('BADX-1');
    await r.publish('visualization', pose(1));
    const id = await idOf('BADX-1');
    await r.publish('visualization', { agvPosition: { x: 'far', y: 1, theta: 0, mapId: 'warehouse-1', positionInitialized: true } });
    const stats = await waitFor('violation recorded', async () => {
      const s = await api().fleet.protocol({ id });
      return s?.invalid === 1 ? s : null;
    });
    expect(stats.lastViolation).toMatchObject({ topic: 'visualization', path: '/agvPosition/x', reason: expect.stringMatching(/number/) });
    expect(app.gateway.health().invalidByRobot[`${M}/BADX-1`]?.lastReason).toMatch(/agvPosition\/x/);

    await app.commander.sendInstantActions(id, [stateRequest({ actionId: 'sr-1' })]);
    const recent = await api().fleet.messages({ id, limit: 3 });
    expect(recent.map((m) => [m.direction, m.topic, m.valid])).toEqual([
      ['out', 'instantActions', true],
      ['in', 'visualization', false],
      ['in', 'visualization', true],
    ]);
    expect(recent[1]).toMatchObject({ headerId: 1, violation: { path: '/agvPosition/x' }, payload: { agvPosition: { x: 'far' } } });
    expect(recent[0]!.payload).toMatchObject({ actions: [{ actionId: 'sr-1', actionType: 'stateRequest' }] });
    expect((await api().fleet.protocol({ id }))?.sent).toEqual({ instantActions: 1 });
    expect(await api().fleet.factsheet({ id })).toBeNull();
    await expect(api().fleet.protocol({ id: 999_999 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(api().fleet.messages({ id, limit: 0 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('keeps the ring bounded', async () => {
    const r = await connect('RING-1');
    for (let h = 0; h < 230; h++) await r.publish('visualization', pose(h), { headerId: h });
    const id = await idOf('RING-1');
    await waitFor('all counted', async () => (await api().fleet.protocol({ id }))?.received.visualization === 230);
    const all = await api().fleet.messages({ id, limit: 1000 });
    expect(all).toHaveLength(200);
    expect(all[0]!.headerId).toBe(229);
    expect(all.at(-1)!.headerId).toBe(30);
  });
});
