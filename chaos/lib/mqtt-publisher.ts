// A robot's MQTT client for the chaos scenarios: QoS 1 publishes with a bounded window (the broker's PUBACKs pace
// us), each with a deadline, so a broker that stops answering shows as a count instead of a hang. A dropped
// connection is replaced by a new client rather than mqtt.js's own reconnect, whose resend of stored QoS 1 packets
// threw inside mqtt-packet (ERR_INVALID_ARG_TYPE) and took the whole fuzzer down; what was in flight counts as unacked.
import mqtt, { type MqttClient } from 'mqtt';

export interface Publisher {
  /**
   * Publishes in windows of `window`. `timedOut`: no PUBACK within 15 s on a live connection (the broker or the app
   * stalled). `lostWithConnection`: in flight when the broker closed the connection (Mosquitto drops a client that
   * sends a protocol-invalid packet, e.g. a topic that is not UTF-8; the broker's business, not the app's).
   */
  publishAll(msgs: { topic: string; payload: Buffer }[], window?: number): Promise<{ timedOut: number; lostWithConnection: number }>;
  stats(): { connections: number; disconnects: number; lastError: string };
  end(): Promise<void>;
}

export async function connectPublisher(url: string, login: { username?: string; password?: string }, clientId: string): Promise<Publisher> {
  const s = { connections: 0, disconnects: 0, lastError: '' };
  let current: { client: MqttClient; closed: Promise<false> } | null = null;
  let ending = false;

  const connect = async () => {
    const client = mqtt.connect(url, { ...login, clientId, clean: true, reconnectPeriod: 0, connectTimeout: 5000 });
    client.on('error', (e) => void (s.lastError = e.message));
    const closed = new Promise<false>((r) => client.once('close', () => r(false)));
    void closed.then(() => void (ending || s.disconnects++));
    const ok = await Promise.race([
      new Promise<boolean>((r) => client.once('connect', () => r(true))),
      closed,
      new Promise<false>((r) => setTimeout(() => r(false), 10_000)),
    ]);
    if (!ok) {
      client.end(true);
      throw new Error(`MQTT connect to ${url} failed: ${s.lastError || 'timed out'}`);
    }
    s.connections++;
    current = { client, closed };
    return current;
  };
  const live = async () => (current?.client.connected ? current : connect());
  await connect();

  return {
    async publishAll(msgs, window = 64) {
      const out = { timedOut: 0, lostWithConnection: 0 };
      for (let i = 0; i < msgs.length; i += window) {
        const c = await live().catch((e: Error) => void (s.lastError = e.message));
        if (!c) {
          out.lostWithConnection += Math.min(window, msgs.length - i);
          await new Promise((r) => setTimeout(r, 1000));
          continue;
        }
        const closed = c.closed.then(() => 'closed' as const);
        const batch = msgs
          .slice(i, i + window)
          .map((m) =>
            Promise.race([
              c.client.publishAsync(m.topic, m.payload, { qos: 1 }).then(() => 'acked' as const),
              closed,
              new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 15_000).unref()),
            ]).catch((e: Error) => ((s.lastError = e.message), c.client.connected ? ('timeout' as const) : ('closed' as const))),
          );
        for (const r of await Promise.all(batch)) {
          if (r === 'timeout') out.timedOut++;
          else if (r === 'closed') out.lostWithConnection++;
        }
      }
      return out;
    },
    stats: () => ({ ...s }),
    async end() {
      ending = true;
      await current?.client.endAsync(true).catch(() => {});
    },
  };
}
