import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { Aedes } from 'aedes';
import mqtt, { type MqttClient } from 'mqtt';
import type { WarehouseMap } from '../domain/warehouse-map';
import { parseVdaTopic, type ConnectionMessage, type StateMessage } from '../domain/vda5050/messages';
import { startFleet, type SimFleet } from './fleet';

const map = JSON.parse(readFileSync(new URL('../../db/seed/warehouse-map.json', import.meta.url), 'utf8')) as WarehouseMap;
const IFACE = 'simint';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
async function until(cond: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

describe('simulated fleet over a real MQTT broker', () => {
  let broker: Aedes;
  let server: net.Server;
  let url: string;

  beforeAll(async () => {
    broker = await Aedes.createBroker();
    server = net.createServer(broker.handle);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `mqtt://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => broker.close(() => resolve()));
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('publishes retained ONLINE, counts what it sends, fires the will on kill and says OFFLINE on clean stop', async () => {
    // A live observer: subscribed before the fleet starts, so it sees every message.
    const live = await mqtt.connectAsync(url, { clientId: 'observer-live' });
    const visBySerial: Record<string, number> = {};
    const connections: { serial: string; message: ConnectionMessage; retain: boolean }[] = [];
    const states: StateMessage[] = [];
    live.on('message', (topic, payload, packet) => {
      const t = parseVdaTopic(topic);
      if (!t) return;
      if (t.topic === 'visualization') visBySerial[t.serialNumber] = (visBySerial[t.serialNumber] ?? 0) + 1;
      if (t.topic === 'state') states.push(JSON.parse(payload.toString()) as StateMessage);
      if (t.topic === 'connection')
        connections.push({ serial: t.serialNumber, message: JSON.parse(payload.toString()) as ConnectionMessage, retain: packet.retain });
    });
    await live.subscribeAsync(`${IFACE}/v2/#`, { qos: 1 });

    const fleet: SimFleet = await startFleet({ brokerUrl: url, iface: IFACE, robots: 5, hz: 10, seed: 1, map });
    await fleet.ready;
    expect(fleet.robots.map((r) => r.serialNumber)).toEqual(['SIM-0001', 'SIM-0002', 'SIM-0003', 'SIM-0004', 'SIM-0005']);
    await sleep(2000);

    // A late observer gets the retained ONLINE of every robot.
    const late: MqttClient = await mqtt.connectAsync(url, { clientId: 'observer-late' });
    const retained = new Map<string, ConnectionMessage>();
    late.on('message', (topic, payload, packet) => {
      const t = parseVdaTopic(topic);
      if (t && packet.retain) retained.set(t.serialNumber, JSON.parse(payload.toString()) as ConnectionMessage);
    });
    await late.subscribeAsync(`${IFACE}/v2/+/+/connection`, { qos: 1 });
    await until(() => retained.size === 5, 'retained connection messages');
    for (const r of fleet.robots) expect(retained.get(r.serialNumber)?.connectionState).toBe('ONLINE');
    await late.endAsync();

    // About 10 Hz for about 2 s per robot, and state at least once a second.
    for (const r of fleet.robots) {
      expect(visBySerial[r.serialNumber] ?? 0).toBeGreaterThanOrEqual(15);
      expect(states.filter((s) => s.serialNumber === r.serialNumber).length).toBeGreaterThanOrEqual(2);
    }

    fleet.kill('SIM-0005');
    await until(
      () => connections.some((c) => c.serial === 'SIM-0005' && c.message.connectionState === 'CONNECTIONBROKEN'),
      'the last will',
    );

    await fleet.stop({ clean: true });
    await until(
      () =>
        fleet.robots
          .slice(0, 4)
          .every((r) => connections.some((c) => c.serial === r.serialNumber && c.message.connectionState === 'OFFLINE')),
      'OFFLINE from every live robot',
    );
    await sleep(200); // let QoS 0 stragglers arrive

    // What the fleet counts as sent is exactly what the observer received (the killed robot may lose its socket buffer).
    const published = fleet.published();
    for (const serial of ['SIM-0001', 'SIM-0002', 'SIM-0003', 'SIM-0004']) expect(visBySerial[serial]).toBe(published.bySerial[serial]);
    expect(visBySerial['SIM-0005'] ?? 0).toBeLessThanOrEqual(published.bySerial['SIM-0005'] ?? 0);
    expect(published.visualization).toBe(Object.values(published.bySerial).reduce((a, b) => a + b, 0));
    expect(published.total).toBeGreaterThan(published.visualization + published.state);
    expect(connections.some((c) => c.serial === 'SIM-0005' && c.message.connectionState === 'OFFLINE')).toBe(false);

    // headerIds per topic start at 0 and count up.
    const s1 = states.filter((s) => s.serialNumber === 'SIM-0001').map((s) => s.headerId);
    expect(s1[0]).toBe(0);
    expect(s1).toEqual(s1.map((_, i) => i));
    await live.endAsync();
  });

  it('keeps simulating through a broker outage and reconnects', async () => {
    // A broker that can be switched off and on at the same port.
    const b2 = await Aedes.createBroker();
    let srv = net.createServer(b2.handle);
    await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
    const port = (srv.address() as AddressInfo).port;
    const sockets = new Set<net.Socket>();
    srv.on('connection', (s) => sockets.add(s));
    const fleet = await startFleet({
      brokerUrl: `mqtt://127.0.0.1:${port}`,
      iface: IFACE,
      robots: 2,
      hz: 10,
      seed: 2,
      map,
      clientOptions: { reconnectPeriod: 200 },
    });
    await fleet.ready;
    await sleep(500);

    await new Promise<void>((resolve) => {
      srv.close(() => resolve());
      for (const s of sockets) s.destroy();
    });
    await sleep(150); // the clients notice the closed sockets
    const during = fleet.published().visualization;
    await sleep(700);
    expect(fleet.published().visualization).toBe(during); // nothing counted while offline

    srv = net.createServer(b2.handle);
    await new Promise<void>((resolve) => srv.listen(port, '127.0.0.1', resolve));
    await until(() => fleet.published().visualization > during + 5, 'publishing after reconnect');
    await fleet.stop();
    await new Promise<void>((resolve) => srv.close(() => resolve()));
    await new Promise<void>((resolve) => b2.close(() => resolve()));
  });
});
