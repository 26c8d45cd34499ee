// A robot's MQTT client for the chaos scenarios: QoS 1 publishes with a bounded window (the broker's PUBACKs pace
// us), each batch with a deadline so a broker that stops answering shows as a count instead of a hang.
import mqtt, { type MqttClient } from 'mqtt';

export interface Publisher {
  client: MqttClient;
  /** Publishes in windows of `window`; returns how many got no PUBACK in time (or an error). */
  publishAll(msgs: { topic: string; payload: Buffer }[], window?: number): Promise<number>;
  stats(): { disconnects: number; errors: number; lastError: string };
  end(): Promise<void>;
}

export async function connectPublisher(url: string, login: { username?: string; password?: string }, clientId: string): Promise<Publisher> {
  const client = mqtt.connect(url, { ...login, clientId, clean: true, reconnectPeriod: 500, connectTimeout: 5000 });
  const s = { disconnects: 0, errors: 0, lastError: '' };
  client.on('close', () => void s.disconnects++);
  client.on('error', (e) => ((s.errors++, (s.lastError = e.message))));
  await new Promise<void>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`MQTT connect to ${url} timed out: ${s.lastError}`)), 10_000);
    client.once('connect', () => (clearTimeout(t), resolve()));
  });
  return {
    client,
    async publishAll(msgs, window = 64) {
      let failed = 0;
      for (let i = 0; i < msgs.length; i += window) {
        const batch = msgs.slice(i, i + window).map((m) =>
          Promise.race([
            client.publishAsync(m.topic, m.payload, { qos: 1 }).then(() => true),
            new Promise<boolean>((r) => setTimeout(() => r(false), 15_000).unref()),
          ]).catch((e: Error) => ((s.lastError = e.message), false)),
        );
        failed += (await Promise.all(batch)).filter((ok) => !ok).length;
      }
      return failed;
    },
    stats: () => ({ ...s }),
    end: () => client.endAsync(true).catch(() => {}),
  };
}
