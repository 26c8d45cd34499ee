// A site of several whole apps for the cluster tests: one database of the test's own on the shared Postgres
// (DATABASE_URL), one bus prefix on the shared NATS (BUS_URL), one topic prefix on the shared broker (MQTT_URL, or
// an embedded broker per app without it), each app with its own NODE_ID, PORT and data directory. Everything the
// site started is stopped and removed by close().
import type { App } from '../app';
import { createApp } from '../app';
import { deleteNatsStream } from '../adapters/bus/nats-jetstream';
import { parseConfig } from '../config';
import { readMapFile } from '../services/site-map';
import { startFleet, type SimFleet } from '../sim/fleet';
import { createTestDatabase, freePort, tempDir, testLogger, waitFor } from './test-env';

const { DATABASE_URL, BUS_URL, MQTT_URL } = process.env;

/** Whether the shared services a cluster needs are set (a process cannot share PGlite: skipped without them). */
export const clusterServices = {
  database: Boolean(DATABASE_URL),
  databaseAndBus: Boolean(DATABASE_URL && BUS_URL),
  all: Boolean(DATABASE_URL && BUS_URL && MQTT_URL),
};

export interface ClusterSite {
  /** The site's database URL. */
  url: string;
  /** Its bus prefix, which is also its VDA 5050 interface. */
  prefix: string;
  /** Starts an app named `node-<name>` on the site (SIM_ROBOTS=0), `env` added to its configuration. */
  startNode(name: string, env?: Record<string, string | undefined>): Promise<App>;
  /** Simulated robots on the shared broker (MQTT_URL), on the site's interface; ready when it resolves. */
  startFleet(robots: number, seed: number): Promise<SimFleet>;
  /** Waits until `app` sees `robots` robots online with a pose. */
  seesFleet(app: App, robots: number): Promise<void>;
  /** Stops the fleet and every app still running, drops the database and deletes the bus stream. */
  close(): Promise<void>;
}

export async function openClusterSite(name: string): Promise<ClusterSite> {
  const db = await createTestDatabase();
  const url = db.url ?? '';
  const prefix = `it${name}${Date.now().toString(36)}`;
  const apps: App[] = [];
  let fleet: SimFleet | null = null;
  return {
    url,
    prefix,
    async startNode(node, env = {}) {
      const config = parseConfig({
        DATA_DIR: tempDir(`${name}-${node}`),
        DATABASE_URL: url,
        BUS_URL,
        MQTT_URL,
        BUS_PREFIX: prefix,
        MQTT_PORT: String(await freePort()),
        PORT: String(await freePort()),
        NODE_ID: `node-${node}`,
        VDA_INTERFACE: prefix,
        SIM_ROBOTS: '0',
        LOG_LEVEL: 'silent',
        ...env,
      });
      const app = await createApp(config, { logger: testLogger });
      apps.push(app);
      return app;
    },
    async startFleet(robots, seed) {
      if (!MQTT_URL) throw new Error('a shared fleet needs MQTT_URL');
      fleet = await startFleet({ brokerUrl: MQTT_URL, iface: prefix, robots, hz: 5, seed, map: await readMapFile(), autonomous: 'never' });
      await fleet.ready;
      return fleet;
    },
    async seesFleet(app, robots) {
      await waitFor(
        `${app.node.id} to see ${robots} robots online`,
        () => app.store.list().filter((r) => r.connection === 'ONLINE' && r.pose).length === robots,
        15_000,
      );
    },
    async close() {
      await fleet?.stop();
      // App.stop() is idempotent: apps a test stopped already are skipped.
      for (const app of apps.reverse()) await app.stop();
      await db.drop();
      if (BUS_URL) await deleteNatsStream(BUS_URL, prefix);
    },
  };
}
