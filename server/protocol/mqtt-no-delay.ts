// MQTT packets are small and mqtt.js may write one packet in several pieces; with Nagle's algorithm on, the second
// piece waits for the peer's delayed ACK (40 ms on Linux), which showed up as a 40 ms floor on command round trips.
import type { Socket } from 'node:net';
import type { MqttClient } from 'mqtt';

/** Sends every write at once on this client's TCP socket, after each (re)connect. */
export function disableNagle(client: MqttClient): MqttClient {
  const apply = () => (client.stream as Partial<Socket> | undefined)?.setNoDelay?.(true);
  apply();
  client.on('connect', apply);
  return client;
}
