// The shared services a local cluster runs against: checked before anything starts (never started or stopped
// here: they belong to the machine) and the cluster's own database beside the given one.
import postgres from 'postgres';
import { createClient } from 'redis';
import { waitForPort } from '../../server/testing/private-services';
import type { ClusterOptions } from './options';

/** docs/environment.md ("Services running on loopback"): how to start each one on this machine. */
const SERVICES = [
  {
    key: 'postgres',
    name: 'PostgreSQL',
    env: 'DATABASE_URL',
    port: 5432,
    start: 'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start',
  },
  { key: 'mqtt', name: 'Mosquitto', env: 'MQTT_URL', port: 1883, start: 'mosquitto -d -c /etc/mosquitto/mosquitto.conf' },
  {
    key: 'nats',
    name: 'NATS with JetStream',
    env: 'BUS_URL',
    port: 4222,
    start:
      'start-stop-daemon --start --oknodo --background --exec /usr/sbin/nats-server -- -a 127.0.0.1 -p 4222 -js -sd /var/lib/nats-server -l /var/log/nats-server.log',
  },
  {
    key: 'redis',
    name: 'Redis',
    env: 'REDIS_URL',
    port: 6379,
    start:
      'redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log',
  },
] as const;

/** One line per service that does not accept a connection: its name, address, variable and start command. */
export async function unreachableServices(services: ClusterOptions['services']): Promise<string[]> {
  const problems = await Promise.all(
    SERVICES.map(async (s) => {
      const url = new URL(services[s.key].split(',')[0]!.trim());
      const host = url.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1';
      const port = Number(url.port) || s.port;
      try {
        await waitForPort(port, 1500, host);
        return null;
      } catch {
        return `${s.name} is not reachable at ${host}:${port} (${s.env}); start it with: ${s.start}`;
      }
    }),
  );
  return problems.filter((p): p is string => p !== null);
}

/** The URL of database `name` beside `baseUrl`, created if missing (dropped first with `fresh`). */
export async function clusterDatabase(baseUrl: string, name: string, fresh: boolean): Promise<{ url: string; created: boolean }> {
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {}, connect_timeout: 5 });
  try {
    if (fresh) await admin.unsafe(`drop database if exists ${name} with (force)`);
    const [row] = await admin`select 1 as found from pg_database where datname = ${name}`;
    if (!row) await admin.unsafe(`create database ${name}`);
    const u = new URL(baseUrl);
    u.pathname = `/${name}`;
    return { url: u.toString(), created: !row };
  } finally {
    await admin.end();
  }
}

/** Deletes the Redis keys and streams under this run's prefix (`<BUS_PREFIX>:…`, server/composition/redis.ts). */
export async function removeRedisKeys(redisUrl: string, prefix: string): Promise<number> {
  const client = createClient({ url: redisUrl, socket: { connectTimeout: 3000, reconnectStrategy: false } });
  await client.connect();
  let deleted = 0;
  try {
    for await (const keys of client.scanIterator({ MATCH: `${prefix}:*`, COUNT: 200 }))
      if (keys.length > 0) deleted += await client.del(keys);
  } finally {
    client.destroy();
  }
  return deleted;
}
