// Simulated robots publish their connection state and factsheet retained, as VDA 5050 asks. On a shared external
// broker every bench run would leave thousands of them behind under its own interface name, so each scenario clears
// what its robots left (an empty retained publish removes a retained message).
import mqtt from 'mqtt';
import { sleep } from './proc';

/** Removes every retained message under `<iface>/`; returns how many. Collects for `collectMs` first. */
export async function clearRetained(brokerUrl: string, iface: string, collectMs = 1000): Promise<number> {
  const client = await mqtt.connectAsync(brokerUrl, {
    clientId: `bench-cleanup-${process.pid}-${Date.now().toString(36)}`,
    reconnectPeriod: 0,
    connectTimeout: 5000,
  });
  try {
    const topics = new Set<string>();
    client.on('message', (topic, payload, packet) => {
      if (packet.retain && payload.length > 0) topics.add(topic);
    });
    await client.subscribeAsync(`${iface}/#`, { qos: 0 });
    await sleep(collectMs);
    await client.unsubscribeAsync(`${iface}/#`);
    await Promise.all([...topics].map((t) => client.publishAsync(t, '', { qos: 1, retain: true })));
    return topics.size;
  } finally {
    await client.endAsync();
  }
}
