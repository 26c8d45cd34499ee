// `npm run cluster` options and the services it runs against (the machine's own, on loopback, unless the
// environment names others).
import { parseArgs } from 'node:util';

export interface ClusterOptions {
  nodes: number;
  /** Each node's NODE_ROLES, in order (--roles); undefined: planNodes' default split. */
  roles: string[] | undefined;
  basePort: number;
  port: number;
  robots: number;
  hz: number;
  /** Seconds to run once every node answers, then stop; undefined: until Ctrl-C / SIGTERM. */
  duration: number | undefined;
  /** Drop and recreate the cluster's database. */
  fresh: boolean;
  /** Keep the NATS stream of this run's prefix on exit. */
  keep: boolean;
  database: string;
  busPrefix: string;
  iface: string;
  /** Base URLs of the shared services; the cluster's database is created beside `postgres`. */
  services: { postgres: string; mqtt: string; nats: string; redis: string };
  admin: { email: string; password: string; fromEnv: boolean };
}

export const USAGE =
  'npm run cluster -- [--nodes 3 | --roles "gateway,control;gateway,control;web;web;ingest"] [--base-port 3201] [--port 3000] [--robots 50] [--hz 10] [--duration <s>] [--fresh] [--keep] [--db fleetscope_cluster] [--bus-prefix <p>] [--interface <i>]';

function fail(message: string): never {
  console.error(`cluster: ${message}\n  usage: ${USAGE}`);
  process.exit(2);
}

function int(name: string, raw: string, min: number, max: number): number {
  const v = Number(raw);
  if (!Number.isInteger(v) || v < min || v > max) fail(`--${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  return v;
}

const ROLES = new Set(['all', 'gateway', 'ingest', 'web', 'control']);

/** "gateway,control;web;ingest": one NODE_ROLES per node; the site as a whole must run every role. */
function parseRoles(raw: string): string[] {
  const nodes = raw.split(';').map((n) =>
    n
      .split(',')
      .map((r) => r.trim())
      .filter(Boolean),
  );
  if (nodes.length < 1 || nodes.length > 16 || nodes.some((n) => n.length === 0))
    fail(`--roles must be 1 to 16 role lists separated by ";", each naming at least one role, got "${raw}"`);
  const unknown = nodes.flat().find((r) => !ROLES.has(r));
  if (unknown) fail(`--roles: unknown role "${unknown}": roles are all, gateway, ingest, web, control`);
  const missing = ['gateway', 'ingest', 'web', 'control'].filter((r) => !nodes.some((n) => n.includes(r) || n.includes('all')));
  if (missing.length > 0) fail(`--roles: no node runs ${missing.join(', ')}`);
  return nodes.map((n) => n.join(','));
}

const runId = () => `cluster${Date.now().toString(36)}`;
const NAME = /^[A-Za-z0-9_-]{1,48}$/;

export function parseOptions(argv: string[], env: NodeJS.ProcessEnv = process.env): ClusterOptions {
  // biome-ignore lint/suspicious/noImplicitAnyLet: typed by the destructuring assignment below (control-flow typing)
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        nodes: { type: 'string', default: '3' },
        roles: { type: 'string' },
        'base-port': { type: 'string', default: '3201' },
        port: { type: 'string', default: '3000' },
        robots: { type: 'string', default: '50' },
        hz: { type: 'string', default: '10' },
        duration: { type: 'string' },
        fresh: { type: 'boolean', default: false },
        keep: { type: 'boolean', default: false },
        db: { type: 'string', default: 'fleetscope_cluster' },
        'bus-prefix': { type: 'string' },
        interface: { type: 'string' },
      },
      strict: true,
    }));
  } catch (err) {
    fail((err as Error).message);
  }
  const roles = values.roles === undefined ? undefined : parseRoles(values.roles);
  const nodes = roles?.length ?? int('nodes', values.nodes, 1, 16);
  const basePort = int('base-port', values['base-port'], 1024, 65535 - nodes);
  const port = int('port', values.port, 1, 65535);
  if (port >= basePort && port < basePort + nodes) fail(`--port ${port} is one of the nodes' ports (${basePort}…${basePort + nodes - 1})`);
  const hz = Number(values.hz);
  if (!(hz > 0 && hz <= 100)) fail(`--hz must be a number in (0, 100], got "${values.hz}"`);
  const duration = values.duration === undefined ? undefined : Number(values.duration);
  if (duration !== undefined && !(duration > 0)) fail(`--duration must be a positive number of seconds, got "${values.duration}"`);
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(values.db)) fail(`--db must be a Postgres name of a-z, 0-9 and _, got "${values.db}"`);
  const id = runId();
  const busPrefix = values['bus-prefix'] ?? id;
  const iface = values.interface ?? id;
  if (!NAME.test(busPrefix)) fail(`--bus-prefix must be letters, digits, _ and -, got "${busPrefix}"`);
  if (!NAME.test(iface)) fail(`--interface must be letters, digits, _ and -, got "${iface}"`);
  return {
    nodes,
    roles,
    basePort,
    port,
    robots: int('robots', values.robots, 0, 20_000),
    hz,
    duration,
    fresh: values.fresh,
    keep: values.keep,
    database: values.db,
    busPrefix,
    iface,
    services: {
      postgres: env.DATABASE_URL || 'postgres://root@127.0.0.1:5432/test',
      mqtt: env.MQTT_URL || 'mqtt://127.0.0.1:1883',
      nats: env.BUS_URL || 'nats://127.0.0.1:4222',
      redis: env.REDIS_URL || 'redis://127.0.0.1:6379',
    },
    admin: {
      email: env.ADMIN_EMAIL || 'admin@cluster.local',
      password: env.ADMIN_PASSWORD || 'fleetscope-cluster',
      fromEnv: Boolean(env.ADMIN_EMAIL || env.ADMIN_PASSWORD),
    },
  };
}
