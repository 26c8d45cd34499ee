// The custom server: one http.Server for Next.js (App Router pages), tRPC, /metrics, Socket.IO and the data path.
import http from 'node:http';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import next from 'next';
import { Server } from 'socket.io';
import { createAuthEndpoints, type AuthEndpoints } from './adapters/http/auth-endpoints';
import { isJson } from './adapters/http/json-body';
import { pageGate } from './adapters/http/page-gate';
import { applySecurityHeaders } from './adapters/http/security-headers';
import { addressOf } from './adapters/http/session-cookie';
import { createMetricsEndpoint, type MetricsEndpoint } from './adapters/metrics/prometheus';
import { appRouter } from './api/root';
import { createApp } from './app';
import { ConfigError, parseConfig } from './config';
import type { ClientToServerEvents, ServerToClientEvents } from './domain/live-protocol';
import { createLogger } from './logger';
import { ensureNextBuild, ROOT_DIR } from './next-build';
import { getRuntime, setRuntime } from './runtime';

async function main() {
  const dev = process.argv.includes('--dev');
  let config;
  try {
    config = parseConfig(process.env, dev);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const logger = createLogger(config.LOG_LEVEL);
  const t0 = performance.now();
  if (!dev) ensureNextBuild(logger);

  const nextApp = next({ dev, dir: ROOT_DIR, hostname: 'localhost', port: config.PORT });
  const handle = nextApp.getRequestHandler();
  // GET /metrics is served here, beside Next, once the app exists (Prometheus text; see README).
  let metrics: MetricsEndpoint | null = null;
  let auth: AuthEndpoints | null = null;
  let app: Awaited<ReturnType<typeof createApp>> | null = null;
  // tRPC is served here directly rather than through a Next route handler: Next's routing, web streams and
  // response compression cost about 8.5 ms of CPU per request, most of a small query's cost.
  const trpc = createHTTPHandler({
    router: appRouter,
    basePath: '/api/trpc/',
    createContext: async ({ req }) => ({ runtime: getRuntime(), principal: (await auth?.principalOf(req)) ?? null, address: addressOf(req) }),
  });
  const refuse = (res: http.ServerResponse, status: number, error: string) => {
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' }).end(JSON.stringify({ error }));
  };
  const server = http.createServer((req, res) => {
    applySecurityHeaders(req, res, dev);
    if (!app || !auth) return refuse(res, 503, 'starting up');
    if (req.url?.startsWith('/api/trpc/')) {
      // Mutations only by POST (tRPC refuses them over GET) with JSON from this app's own pages.
      if (req.method === 'POST' && !isJson(req)) return refuse(res, 415, 'send JSON (Content-Type: application/json)');
      if (req.method === 'POST' && !app.origins.matches(req)) return refuse(res, 403, 'the Origin header must name this app');
      return void trpc(req, res);
    }
    if (auth.handles(req)) return void auth.serve(req, res);
    if (metrics?.handles(req)) return void metrics.serve(res);
    void pageGate(req, res, auth).then((pass) => {
      if (pass) void handle(req, res);
    });
  });
  const io = new Server<ClientToServerEvents, ServerToClientEvents>(server, {
    path: '/socket.io',
    transports: ['websocket'],
    // Client events are small (a resync, a batch of browser hops); anything bigger is refused.
    maxHttpBufferSize: 32 * 1024,
    serveClient: false,
    // Leave other upgrade requests (Next's dev HMR socket) alone.
    destroyUpgrade: false,
  });

  app = await createApp(config, { logger, io });
  setRuntime(app.runtime);
  auth = createAuthEndpoints({ identity: app.identity, audit: app.audit, origins: app.origins, logger });
  metrics = createMetricsEndpoint({ recorder: app.flow?.recorder ?? null });
  await nextApp.prepare();
  if (dev) {
    const upgrade = nextApp.getUpgradeHandler();
    server.on('upgrade', (req, socket, head) => {
      if (!req.url?.startsWith('/socket.io')) void upgrade(req, socket, head);
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(err.code === 'EADDRINUSE' ? new Error(`PORT ${config.PORT} is already in use; set PORT to a free port`) : err),
    );
    server.listen(config.PORT, config.HOSTNAME, () => resolve());
  });
  logger.info({ url: `http://localhost:${config.PORT}`, startMs: Math.round(performance.now() - t0), dev }, 'fleetscope is serving');

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: no new connections, flushing pending writes');
    const force = setTimeout(() => {
      logger.error('shutdown took over 15 s; exiting');
      process.exit(1);
    }, 15_000);
    force.unref();
    server.close();
    await new Promise<void>((resolve) => void io.close(() => resolve()));
    await app?.stop();
    setRuntime(undefined);
    server.closeAllConnections();
    logger.info('stopped cleanly');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  console.error(`fleetscope failed to start: ${(err as Error).message}`);
  process.exit(1);
});
