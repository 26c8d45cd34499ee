// Acceptance of "VDA 5050 in full": a robot that was not written in this project joins with nothing but the broker
// address, appears in the fleet quickly, moves, executes an order (with a horizon released by an update) and a
// pause/resume sent from the app, and goes CONNECTIONBROKEN when its process dies. Both brokers, both databases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from './app';
import { createRoutePlanner } from './domain/route-planner';
import { buildOrderToNode, buildOrderUpdateToNode } from './domain/vda5050/order-builder';
import { startPause, stopPause } from './domain/vda5050/instant-actions';
import { robotLogin } from './testing/mqtt-credentials';
import { ThirdPartyAgv } from './testing/third-party-agv';
import { testConfig, testLogger, waitFor } from './testing/test-env';

let app: App;
let cleanup: () => Promise<void>;
let agv: ThirdPartyAgv;

beforeAll(async () => {
  const t = await testConfig();
  cleanup = t.cleanup;
  app = await createApp(t.config, { logger: testLogger });
  const planner = createRoutePlanner(app.map);
  const start = planner.nearestNode(10, 6)!;
  // Its owner was given a credential for this one robot (on the embedded broker; see testing/mqtt-credentials.ts).
  agv = new ThirdPartyAgv(
    app.brokerUrl,
    t.config.VDA_INTERFACE,
    'Other Vendor GmbH',
    'OV-42',
    app.map.mapId,
    await robotLogin(app, 'Other Vendor GmbH', 'OV-42'),
  );
  agv.x = start.x;
  agv.y = start.y;
});

afterAll(async () => {
  await agv?.stop().catch(() => {});
  await app?.stop();
  await cleanup?.();
});

const view = () => app.runtime.fleet.list().find((r) => r.serialNumber === 'OV-42');

describe('a third-party VDA 5050 robot', () => {
  it('appears in the fleet within 2 s of connecting and reports its pose', async () => {
    const t0 = Date.now();
    await agv.start();
    const v = await waitFor('robot in the fleet', () => (view()?.pose ? view() : null), 2000, 20);
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(v).toMatchObject({ manufacturer: 'Other Vendor GmbH', connection: 'ONLINE', protocolVersion: '2.0.0' });
  });

  it('executes an order sent by the app, stopping at the horizon until an update releases it', async () => {
    const planner = createRoutePlanner(app.map);
    const id = view()!.id;
    const from = planner.nearestNode(agv.x, agv.y)!.id;
    const far = app.map.nodes
      .filter((n) => n.place?.kind === 'dock')
      .map((n) => n.id)
      .find((n) => (planner.shortestPath(from, n)?.length ?? 0) >= 5)!;
    const order = buildOrderToNode(planner, { orderId: 'tp-order-1', fromNodeId: from, toNodeId: far, baseNodes: 3 });
    const decisionPoint = order.nodes[2]!.nodeId;
    const sent = await app.commander.sendOrder(id, order);
    expect((await sent.delivery).status).toBe('acknowledged');
    // Drives the released base and stops at the decision point.
    await waitFor('at the decision point', () => view()?.lastNodeId === decisionPoint, 20_000);
    const x = view()!.pose!.x;
    await new Promise((r) => setTimeout(r, 500));
    expect(view()!.pose!.x).toBe(x);
    expect(view()!.driving).toBe(false);
    // The update starts at the last base node and releases the rest.
    const update = buildOrderUpdateToNode(planner, order, { toNodeId: far });
    expect((await (await app.commander.sendOrder(id, update)).delivery).status).toBe('acknowledged');
    await waitFor('at the destination', () => view()?.lastNodeId === far, 30_000);
  });

  it('pauses and resumes on instant actions sent by the app', async () => {
    const planner = createRoutePlanner(app.map);
    const id = view()!.id;
    const from = view()!.lastNodeId!;
    const to = app.map.nodes.filter((n) => n.place?.kind === 'charger').map((n) => n.id)[0]!;
    await app.commander.sendOrder(id, buildOrderToNode(planner, { orderId: 'tp-order-2', fromNodeId: from, toNodeId: to }));
    await waitFor('driving', () => view()?.driving, 5000);
    expect((await (await app.commander.sendInstantActions(id, [startPause()])).delivery).status).toBe('acknowledged');
    await waitFor('paused', () => view()?.paused && !view()?.driving, 5000);
    const p = view()!.pose!;
    await new Promise((r) => setTimeout(r, 500));
    expect(view()!.pose).toEqual(p);
    expect((await (await app.commander.sendInstantActions(id, [stopPause()])).delivery).status).toBe('acknowledged');
    await waitFor(
      'moving again',
      () => !view()?.paused && view()?.pose && Math.hypot(view()!.pose!.x - p.x, view()!.pose!.y - p.y) > 0.5,
      5000,
    );
  });

  it('goes CONNECTIONBROKEN when its process dies', async () => {
    agv.die();
    await waitFor('connection broken', () => view()?.connection === 'CONNECTIONBROKEN', 15_000);
  });
});
