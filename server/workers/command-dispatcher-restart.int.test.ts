// A robot's report must not be lost between start-up steps. A go-to is `running` when the app stops; the robot
// reaches the destination while the app is down and leaves its final state retained on the broker (a Mosquitto of
// the test's own, which outlives the app). The restarted app receives that state the moment its gateway
// subscribes: the command must end `succeeded` at once, not stay `running` until it times out.
// Deterministic: the retained state is the only message the robot sends after the restart.
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, expect, it } from 'vitest';
import { createApp, type App } from '../app';
import type { OrderBody } from '../domain/vda5050/messages';
import { createRoutePlanner } from '../domain/route-planner';
import { canRunPrivateMosquitto, startPrivateMosquitto, type PrivateMosquitto } from '../testing/private-services';
import { testConfig, testLogger, waitFor } from '../testing/test-env';
import { readMapFile } from '../services/site-map';

let app: App | null = null;
let robot: MqttClient | null = null;
let mosquitto: PrivateMosquitto | null = null;
let cleanup: (() => Promise<void>) | null = null;

afterAll(async () => {
  await robot?.endAsync();
  await app?.stop();
  await mosquitto?.destroy();
  await cleanup?.();
});

const M = 'Restart Robotics';
const S = 'RR-1';

it.runIf(canRunPrivateMosquitto)(
  'a go-to the robot finished while the app was down ends succeeded right after the restart',
  async () => {
    mosquitto = await startPrivateMosquitto();
    const t = await testConfig({ MQTT_URL: mosquitto.url });
    cleanup = t.cleanup;
    const iface = t.config.VDA_INTERFACE;
    const topic = (name: string) => `${iface}/v2/${M}/${S}/${name}`;
    let headerId = 1;
    const header = () => ({
      headerId: headerId++,
      timestamp: new Date().toISOString(),
      version: '2.0.0',
      manufacturer: M,
      serialNumber: S,
    });

    const map = await readMapFile();
    const planner = createRoutePlanner(map);
    // A start and a destination at least three nodes apart, so the robot can be mid-route (running).
    const start = map.nodes[0]!;
    const dest = map.nodes.find((n) => (planner.shortestPath(start.id, n.id)?.length ?? 0) >= 4)!;
    const state = (o: Partial<Record<string, unknown>>) =>
      JSON.stringify({
        ...header(),
        orderId: '',
        orderUpdateId: 0,
        lastNodeId: start.id,
        lastNodeSequenceId: 0,
        nodeStates: [],
        edgeStates: [],
        driving: false,
        paused: false,
        operatingMode: 'AUTOMATIC',
        actionStates: [],
        batteryState: { batteryCharge: 80, charging: false },
        errors: [],
        safetyState: { eStop: 'NONE', fieldViolation: false },
        agvPosition: { x: start.x, y: start.y, theta: 0, mapId: map.mapId, positionInitialized: true },
        ...o,
      });

    app = await createApp(t.config, { logger: testLogger });
    robot = await mqtt.connectAsync(mosquitto.url, { clientId: `restart-robot-${Date.now()}` });
    const orders: OrderBody[] = [];
    robot.on('message', (tp, payload) => tp === topic('order') && orders.push(JSON.parse(payload.toString()) as OrderBody));
    await robot.subscribeAsync(topic('order'), { qos: 1 });
    await robot.publishAsync(topic('connection'), JSON.stringify({ ...header(), connectionState: 'ONLINE' }), { qos: 1, retain: true });
    await robot.publishAsync(topic('state'), state({}), { qos: 1 });
    const view = await waitFor('robot online at its start node', () =>
      app!.runtime.fleet.list().find((r) => r.serialNumber === S && r.connection === 'ONLINE' && r.lastNodeId === start.id),
    );

    const issued = await app.commands.issue({ robotId: view.id, type: 'goTo', params: { nodeId: dest.id } }, { name: 'restart-test' });
    const order = await waitFor('order received by the robot', () => orders.find((o) => o.orderId === issued.orderId));
    const [first, second] = order.nodes;
    const along = (from: number) => ({
      nodeStates: order.nodes.slice(from).map((n) => ({ nodeId: n.nodeId, sequenceId: n.sequenceId, released: n.released })),
      edgeStates: order.edges
        .filter((e) => e.sequenceId > order.nodes[from - 1]!.sequenceId)
        .map((e) => ({ edgeId: e.edgeId, sequenceId: e.sequenceId, released: e.released })),
    });
    await robot.publishAsync(
      topic('state'),
      state({
        orderId: order.orderId,
        orderUpdateId: order.orderUpdateId,
        lastNodeId: first!.nodeId,
        lastNodeSequenceId: first!.sequenceId,
        driving: true,
        ...along(1),
      }),
      { qos: 1 },
    );
    await robot.publishAsync(
      topic('state'),
      state({
        orderId: order.orderId,
        orderUpdateId: order.orderUpdateId,
        lastNodeId: second!.nodeId,
        lastNodeSequenceId: second!.sequenceId,
        driving: true,
        ...along(2),
      }),
      { qos: 1 },
    );
    await waitFor('go-to running', async () => (await app!.commands.byId(issued.id)).command.status === 'running');
    await app.stop();
    app = null;

    // While the app is down the robot arrives; its final state stays retained on the broker.
    const last = order.nodes[order.nodes.length - 1]!;
    await robot.publishAsync(
      topic('state'),
      state({
        orderId: order.orderId,
        orderUpdateId: order.orderUpdateId,
        lastNodeId: last.nodeId,
        lastNodeSequenceId: last.sequenceId,
        agvPosition: { x: dest.x, y: dest.y, theta: 0, mapId: map.mapId, positionInitialized: true },
      }),
      { qos: 1, retain: true },
    );

    app = await createApp(t.config, { logger: testLogger });
    const t0 = Date.now();
    const done = await waitFor(
      'go-to final after the restart',
      async () => {
        const { command } = await app!.commands.byId(issued.id);
        return command.status !== 'running' ? command : null;
      },
      5_000,
      50,
    );
    expect(done.status, String(done.outcome)).toBe('succeeded');
    expect(Date.now() - t0, 'ms from start-up to succeeded').toBeLessThan(2_000);
    const { events } = await app.commands.byId(issued.id);
    expect(events.map((e) => e.to)).toEqual(['requested', 'queued', 'dispatched', 'acknowledged', 'running', 'succeeded']);
  },
  60_000,
);
