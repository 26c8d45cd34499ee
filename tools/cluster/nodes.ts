// The cluster's app processes: what each is (id, roles, port, data directory), the environment it starts with (as
// `npm start` runs it), and what its /api/health says about it (leader, robots, the other nodes).
import path from 'node:path';
import { ROOT, startTs, type Child } from '../../bench/lib/proc';
import type { ClusterOptions } from './options';

export interface NodeSpec {
  id: string;
  /** NODE_ROLES: `all` or a comma-separated list. */
  roles: string;
  port: number;
  url: string;
  dataDir: string;
}

export interface NodeHealth {
  status: string;
  node?: string;
  components: Record<string, Record<string, unknown> | undefined>;
}

/** node-1 … node-N on consecutive ports, with the roles given; by default, from three nodes on, the last one is no control candidate. */
export function planNodes(o: Pick<ClusterOptions, 'nodes' | 'basePort'> & { roles?: string[] | undefined }): NodeSpec[] {
  return Array.from({ length: o.nodes }, (_, i) => {
    const id = `node-${i + 1}`;
    const port = o.basePort + i;
    return {
      id,
      roles: o.roles?.[i] ?? (o.nodes >= 3 && i === o.nodes - 1 ? 'gateway,ingest,web' : 'all'),
      port,
      url: `http://127.0.0.1:${port}`,
      dataDir: path.join(ROOT, '.data', 'cluster', id),
    };
  });
}

/** The environment shared by every node: the services, the bus prefix, the topic prefix and the first admin. */
export function sharedEnv(o: ClusterOptions, databaseUrl: string): Record<string, string> {
  return {
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    HOSTNAME: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    BUS_URL: o.services.nats,
    BUS_PREFIX: o.busPrefix,
    REDIS_URL: o.services.redis,
    MQTT_URL: o.services.mqtt,
    VDA_INTERFACE: o.iface,
    // The simulator runs as a process of its own (the robots are outside the app).
    SIM_ROBOTS: '0',
    ADMIN_EMAIL: o.admin.email,
    ADMIN_PASSWORD: o.admin.password,
  };
}

/** `echo: false` keeps the node's lines to itself (the bench's cluster scenario); `npm run cluster` prints them. */
export function startNode(spec: NodeSpec, shared: Record<string, string>, opts: { echo?: boolean } = {}): Child {
  const env = { ...shared, PORT: String(spec.port), NODE_ID: spec.id, NODE_ROLES: spec.roles, DATA_DIR: spec.dataDir };
  return startTs('server/index.ts', [], env, spec.id, { echo: opts.echo ?? true });
}

/** /api/health of one node, whatever its status (a degraded node answers too); null when nothing answers. */
export async function readHealth(url: string, timeoutMs = 2000): Promise<NodeHealth | null> {
  try {
    const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(timeoutMs) });
    const body = (await res.json()) as Partial<NodeHealth>;
    return { status: body.status ?? `HTTP ${res.status}`, node: body.node, components: body.components ?? {} };
  } catch {
    return null;
  }
}

export function leaderOf(h: NodeHealth): 'leader' | 'standby' | 'not a candidate' {
  const lease = h.components.leader;
  if (lease?.leader === true) return 'leader';
  return lease?.kind === 'not-a-candidate' ? 'not a candidate' : 'standby';
}

/** Robots in this node's live fleet state (`fleet` in its health): every node sees the whole fleet through the bus. */
export function robotsOf(h: NodeHealth): number | undefined {
  const fleet = h.components.fleet as { robots?: unknown } | undefined;
  return typeof fleet?.robots === 'number' ? fleet.robots : undefined;
}

export function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ')).join('\n');
}

/** Whether a node serves the web (the proxy's upstreams). */
export const servesWeb = (spec: Pick<NodeSpec, 'roles'>) => spec.roles.split(',').some((r) => r === 'all' || r === 'web');
