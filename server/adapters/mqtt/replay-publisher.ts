// An MQTT client that publishes recorded VDA 5050 messages for the history importer (services/history/
// history-importer.ts), signed in like the app's other clients (the embedded broker checks the login).
import mqtt from 'mqtt';

export interface ReplayPublisherOptions {
  url: string;
  username?: string;
  password?: string;
}

export async function connectReplayPublisher(o: ReplayPublisherOptions) {
  const client = await mqtt.connectAsync(o.url, {
    clientId: `fleetscope-import-${Math.random().toString(36).slice(2, 10)}`,
    ...(o.username !== undefined && { username: o.username }),
    ...(o.password !== undefined && { password: o.password }),
    reconnectPeriod: 0,
    connectTimeout: 10_000,
    clean: true,
  });
  return {
    async publish(topic: string, payload: string, p: { qos: 0 | 1 }): Promise<void> {
      // publishAsync resolves when the packet is written (QoS 0) or PUBACKed (QoS 1): the importer's backpressure.
      await client.publishAsync(topic, payload, { qos: p.qos, retain: false });
    },
    async close(): Promise<void> {
      await client.endAsync();
    },
  };
}
