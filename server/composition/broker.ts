// MQTT access. The embedded broker signs every client in: robots with their credentials (stored hashed, managed
// by admins), the app's own client with a master user generated per start (memory only), the simulator with a
// manufacturer-wide credential given a fresh password per start. An external broker (MQTT_URL) does its own
// checks: the app and the simulator use the credentials in the URL, if any.
import { randomBytes } from 'node:crypto';
import type { AppConfig } from '../config';
import { denialAuditEntry } from '../adapters/mqtt/denial-window';
import { startEmbeddedBroker, type EmbeddedBroker } from '../adapters/mqtt/embedded-broker';
import { CLUSTER_SUBJECTS, isClusterNotice, type ClusterNotice } from '../domain/cluster/cluster-subjects';
import { newEnvelope } from '../domain/envelope';
import type { Clock } from '../ports/clock';
import type { MessageBus } from '../ports/message-bus';
import { splitBrokerUrl } from '../protocol/broker-url';
import type { Logger } from '../ports/logger';
import type { AuditTrail } from '../services/identity/audit-trail';
import { usernameFor, type RobotCredentials } from '../services/identity/robot-credentials';
import { shutdownStep, type Module } from './module';
import { SIM_MANUFACTURER } from './simulator';

export type MqttLogin = { username?: string; password?: string };

export async function composeBroker(
  config: AppConfig,
  deps: { credentials: RobotCredentials; audit: AuditTrail; logger: Logger; bus: MessageBus; clock: Clock },
) {
  const { credentials, audit, logger } = deps;
  const external = config.MQTT_URL ? splitBrokerUrl(config.MQTT_URL) : null;
  const login = (username?: string, password?: string): MqttLogin => ({
    ...(username !== undefined && { username }),
    ...(password !== undefined && { password }),
  });
  const master = { username: `fleetscope$app-${randomBytes(4).toString('hex')}`, password: randomBytes(24).toString('base64url') };
  const appLogin = external ? login(external.username, external.password) : master;
  const simLogin = config.SIM_ROBOTS === 0 ? {} : external ? appLogin : await provisionSimulator(credentials, logger);
  const broker = external
    ? null
    : await startEmbeddedBroker({
        port: config.MQTT_PORT,
        auth: {
          iface: config.VDA_INTERFACE,
          master,
          accounts: () => credentials.accounts(),
          onDenied: (d) => audit.record(denialAuditEntry(d)),
        },
      });
  const stopCredentialSync = syncCredentials(config, { ...deps, broker });
  const brokerUrl = external?.url ?? broker!.url;
  if (broker) logger.info({ url: broker.url }, 'embedded MQTT broker listening (clients sign in; topic ACLs enforced)');
  const step = shutdownStep(logger);

  return {
    brokerUrl,
    /** The embedded broker; null with an external one (MQTT_URL). */
    broker,
    /** How the app's gateway signs in. */
    appLogin: appLogin as MqttLogin,
    /** How the simulated fleet signs in. */
    simLogin,
    /** The app's MQTT connection is the gateway's: the telemetry module reports it, with these broker figures. */
    figures: () => ({ url: brokerUrl, embedded: broker !== null, brokerClients: broker?.clients() ?? null, auth: broker?.auth() ?? null }),
    health: () => ({}),
    async stop() {
      stopCredentialSync();
      await step('broker', () => broker?.close());
    },
  } satisfies Module & Record<string, unknown>;
}

/**
 * A credential changed here: this process's embedded broker reloads before the change call returns, and every other
 * process is told on the bus, so its broker refuses a disabled or deleted login (and drops its clients) at once
 * instead of at its next restart. Returns the function that stops both.
 */
function syncCredentials(
  config: AppConfig,
  deps: { credentials: RobotCredentials; logger: Logger; bus: MessageBus; clock: Clock; broker: EmbeddedBroker | null },
): () => void {
  const { broker, bus, logger } = deps;
  const stopLocal = deps.credentials.onChange(async () => {
    await broker?.reloadAccounts();
    const now = deps.clock.now();
    const payload: ClusterNotice = { node: config.NODE_ID };
    bus.publish(
      newEnvelope({ subject: CLUSTER_SUBJECTS.credentials, source: 'identity:credentials', producedAt: now, receivedAt: now, payload }),
    );
  });
  if (!broker) return stopLocal;
  const sub = bus.subscribe(
    CLUSTER_SUBJECTS.credentials,
    async (env) => {
      if (!isClusterNotice(env.payload) || env.payload.node === config.NODE_ID) return;
      logger.info({ from: env.payload.node }, 'robot credentials changed on another node: reloading the broker accounts');
      await broker.reloadAccounts();
    },
    { name: 'broker:credentials' },
  );
  return () => {
    stopLocal();
    sub.unsubscribe();
  };
}

export type BrokerModule = Awaited<ReturnType<typeof composeBroker>>;

/** The simulator's manufacturer-wide MQTT login, with a new password per start (the old one cannot be known). */
async function provisionSimulator(credentials: RobotCredentials, logger: Logger): Promise<MqttLogin> {
  try {
    const c = await credentials.provision(
      SIM_MANUFACTURER,
      null,
      'the simulated fleet (a new password at every start)',
      usernameFor('simulator.', SIM_MANUFACTURER, null),
    );
    return { username: c.username, password: c.password };
  } catch (err) {
    logger.error({ err: (err as Error).message }, 'cannot provision MQTT credentials for the simulator; its robots will be refused');
    return {};
  }
}
