// A simulated 3.0 robot under a hand-written fleet control over an in-process broker: it takes a zoneSet on its v3
// topic, asks for access before a RELEASE zone, waits until a responses message grants it, reports its path ahead,
// and drops the request once out of the zone. Every state and visualization it sends is checked against 3.0.0.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import { Aedes } from 'aedes';
import mqtt, { type MqttClient } from 'mqtt';
import { createSchemaValidator } from '../protocol/schema-validator';
import { siteZoneSet } from '../domain/zones/site-zones';
import type { WarehouseMap } from '../domain/warehouse-map';
import { startFleet, type SimFleet } from './fleet';

const map = JSON.parse(readFileSync(new URL('../../db/seed/warehouse-map.json', import.meta.url), 'utf8')) as WarehouseMap;
const IFACE = 'zoneint';
const SERIAL = 'SIM-0001';
const validator = createSchemaValidator();
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

interface V3State {
  lastNodeId: string;
  driving: boolean;
  nodeStates: unknown[];
  actionStates: { actionId: string; actionStatus: string }[];
  instantActionStates: { actionId: string; actionStatus: string }[];
  zoneSets?: { zoneSetId: string; zoneSetStatus: string }[];
  zoneRequests?: { requestId: string; zoneId: string; requestStatus: string }[];
  intermediatePath?: { polyline: { x: number; y: number; eta: string }[] };
}

describe('a simulated 3.0 robot under zone traffic control', () => {
  let broker: Aedes;
  let server: net.Server;
  let fleet: SimFleet;
  let fc: MqttClient;
  const log: { topic: string; raw: string }[] = [];
  let headerId = 0;

  const states = (): V3State[] => log.filter((r) => r.topic === 'state').map((r) => JSON.parse(r.raw) as V3State);
  async function stateWhere(what: string, pred: (s: V3State) => boolean, since = 0, timeoutMs = 20_000): Promise<V3State> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const hit = states().slice(since).find(pred);
      if (hit) return hit;
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}; last state: ${JSON.stringify(states().at(-1))?.slice(0, 800)}`);
      await sleep(25);
    }
  }
  const send = (topic: string, body: object) =>
    fc.publishAsync(
      `${IFACE}/v3/SimRobotics/${SERIAL}/${topic}`,
      JSON.stringify({
        headerId: headerId++,
        timestamp: new Date().toISOString(),
        version: '3.0.0',
        manufacturer: 'SimRobotics',
        serialNumber: SERIAL,
        ...body,
      }),
      { qos: 0 },
    );

  beforeAll(async () => {
    broker = await Aedes.createBroker();
    server = net.createServer(broker.handle);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `mqtt://127.0.0.1:${(server.address() as AddressInfo).port}`;
    fc = await mqtt.connectAsync(url, { clientId: 'fleet-control' });
    fc.on('message', (topic, payload) => {
      const sub = topic.split('/')[4];
      if (sub === 'state' || sub === 'visualization') log.push({ topic: sub, raw: payload.toString() });
    });
    await fc.subscribeAsync(`${IFACE}/v3/#`, { qos: 1 });
    fleet = await startFleet({
      brokerUrl: url,
      iface: IFACE,
      robots: 1,
      hz: 10,
      seed: 5,
      map,
      v3Share: 1,
      autonomous: 'never',
      behaviour: { limits: { maxSpeed: 2, maxAccel: 1.5, maxTurnRate: 3, headingTolerance: 0.05 } },
    });
    await fleet.ready;
  });

  afterAll(async () => {
    await fleet.stop();
    await fc.endAsync();
    await new Promise<void>((resolve) => broker.close(() => resolve()));
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('waits before the zone until granted, reports its path, and lets go after leaving', async () => {
    await send('instantActions', {
      actions: [
        {
          actionId: 'init-1',
          actionType: 'initializePosition',
          blockingType: 'NONE',
          actionParameters: [
            { key: 'x', value: 13.5 },
            { key: 'y', value: 6 },
            { key: 'theta', value: 0 },
            { key: 'mapId', value: 'warehouse-1' },
            { key: 'lastNodeId', value: 'n-026' },
          ],
        },
      ],
    });
    await stateWhere('initialized', (s) => s.lastNodeId === 'n-026' && s.instantActionStates.some((a) => a.actionId === 'init-1'));
    expect(states().at(-1)?.zoneSets).toEqual([]);

    const zoneSet = siteZoneSet(map);
    await send('zoneSet', { zoneSet });
    await stateWhere(
      'zone set stored',
      (s) => s.zoneSets?.[0]?.zoneSetId === zoneSet.zoneSetId && s.zoneSets[0].zoneSetStatus === 'ENABLED',
    );

    const nodeIds = ['n-026', 'n-004', 'dock-2', 'n-004', 'n-027'];
    await send('order', {
      orderId: 'zone-order-1',
      orderUpdateId: 0,
      nodes: nodeIds.map((nodeId, i) => ({ nodeId, sequenceId: 2 * i, released: true, actions: [] })),
      edges: nodeIds.slice(1).map((_, i) => ({ edgeId: `zone-e-${i}`, sequenceId: 2 * i + 1, released: true, actions: [] })),
    });
    const driving = await stateWhere('path ahead', (s) => s.driving && (s.intermediatePath?.polyline.length ?? 0) > 0);
    expect(driving.intermediatePath!.polyline.map((p) => p.x)).toEqual([18, 18, 18, 20.5]);

    const asked = await stateWhere('request', (s) => s.zoneRequests?.[0]?.requestStatus === 'REQUESTED');
    expect(asked.zoneRequests).toEqual([
      expect.objectContaining({ zoneId: 'release-dock-2', zoneSetId: zoneSet.zoneSetId, requestType: 'ACCESS' }),
    ]);
    const requestId = asked.zoneRequests![0]!.requestId;
    await stateWhere('waiting at n-004', (s) => s.lastNodeId === 'n-004' && !s.driving);
    await sleep(600);
    expect(states().at(-1)).toMatchObject({ lastNodeId: 'n-004', driving: false });

    const since = states().length;
    await send('responses', { responses: [{ requestId, grantType: 'GRANTED', leaseExpiry: new Date(Date.now() + 60_000).toISOString() }] });
    await stateWhere('granted', (s) => s.zoneRequests?.[0]?.requestStatus === 'GRANTED', since);
    await stateWhere('in the dock', (s) => s.lastNodeId === 'dock-2', since);
    const done = await stateWhere('done and let go', (s) => s.lastNodeId === 'n-027' && s.nodeStates.length === 0, since);
    expect(done.zoneRequests).toEqual([]);
    expect(done).not.toHaveProperty('intermediatePath');
  });

  it('sent only schema-valid 3.0 states and visualizations, some of them with a path', () => {
    const vis = log.filter((r) => r.topic === 'visualization').map((r) => JSON.parse(r.raw) as object);
    expect(vis.some((v) => 'intermediatePath' in v)).toBe(true);
    for (const r of log)
      expect(validator.validate(r.topic as 'state', '3.0.0', JSON.parse(r.raw)), r.raw.slice(0, 300)).toEqual({ ok: true });
  });
});
