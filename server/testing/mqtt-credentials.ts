// MQTT logins for robots in integration tests, through the real path: on the app's embedded broker a robot
// credential is created with the credentials service (as an admin would) and the broker signs the client in
// against it. Against an external broker (MQTT_URL, e.g. CI's anonymous Mosquitto) the credentials in MQTT_URL
// are used, if any: that broker's own password and ACL files decide.
import type { IClientOptions } from 'mqtt';
import type { App } from '../app';
import { splitBrokerUrl } from '../protocol/broker-url';

export type MqttLogin = Pick<IClientOptions, 'username' | 'password'>;

let n = 0;

/** Connect options for a robot of `manufacturer` (serialNumber null: any robot of it). */
export async function robotLogin(app: App, manufacturer: string, serialNumber: string | null = null): Promise<MqttLogin> {
  if (!app.broker) {
    const { username, password } = splitBrokerUrl(process.env.MQTT_URL ?? '');
    return { ...(username !== undefined && { username }), ...(password !== undefined && { password }) };
  }
  const { credential, password } = await app.credentials.create(
    { username: `test-${process.pid}-${Date.now().toString(36)}-${++n}`, manufacturer, serialNumber, note: 'integration test' },
    { actorId: null, actor: 'integration-test', address: null },
  );
  return { username: credential.username, password };
}
