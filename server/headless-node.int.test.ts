// A node without the web role (NODE_ROLES=gateway,ingest), as `npm start` runs it: its gateway takes the robots'
// traffic and its writers store it, it serves /api/health and /metrics, and every other path (pages, tRPC,
// Socket.IO) is refused with a line that says which nodes serve the web. It needs no Next.js build.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from './testing/app-server';
import { createTestDatabase, waitFor } from './testing/test-env';

let server: AppServer | null = null;
let drop = async () => {};

beforeAll(async () => {
  const db = await createTestDatabase();
  drop = db.drop;
  server = await startAppServer({ NODE_ROLES: 'gateway,ingest', SIM_ROBOTS: '3', ...(db.url && { DATABASE_URL: db.url }) });
}, 60_000);
afterAll(async () => {
  await server?.stop();
  await drop();
});

interface Health {
  node: string;
  components: Record<string, Record<string, unknown>>;
}

describe('a node without the web role', () => {
  it('runs its gateway and writers and serves its health and metrics', async () => {
    const health = await waitFor(
      'the gateway to accept the simulated robots’ messages',
      async () => {
        const h = (await (await fetch(`${server!.base}/api/health`)).json()) as Health;
        const gateway = h.components.gateways?.['vda5050-mqtt'] as { accepted?: number } | undefined;
        return (gateway?.accepted ?? 0) > 0 && h.components.fleet?.online === 3 ? h : null;
      },
      20_000,
    );
    const nodes = (health.components.cluster?.nodes ?? []) as { roles: string[] }[];
    expect(nodes[0]!.roles).toEqual(['gateway', 'ingest']);
    const metrics = await fetch(`${server!.base}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('fleetscope_');
    if (process.env.TEST_PRINT_FIGURES) console.log('headless node health:', JSON.stringify(health.components.process));
    expect(server!.output.filter((l) => /unhandled/i.test(l))).toEqual([]);
  });

  it('refuses pages, tRPC and Socket.IO, naming the nodes that serve them', async () => {
    for (const path of ['/', '/robots', '/api/trpc/fleet.list', '/socket.io/?EIO=4&transport=polling']) {
      const res = await fetch(`${server!.base}${path}`);
      expect(res.status, path).toBe(404);
      expect(((await res.json()) as { error: string }).error).toMatch(/^this node does not serve the web \(NODE_ROLES=gateway,ingest\)/);
    }
  });
});
