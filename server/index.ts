// The custom server: one http.Server for Next.js (App Router pages), tRPC, /metrics, Socket.IO and the data path.
import http from 'node:http';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import next from 'next';
import { Server } from 'socket.io';
import { createAuthEndpoints, type AuthEndpoints } from './adapters/http/auth-endpoints';
import { createHeadlessEndpoints, type HeadlessEndpoints } from './adapters/http/headless-endpoints';
import { createHistoryEndpoints, type HistoryEndpoints } from './adapters/http/history-endpoints';
import { isJson } from './adapters/http/json-body';
import { pageGate } from './adapters/http/page-gate';
import { normaliseTarget } from './adapters/http/request-target';
import { applySecurityHeaders } from './adapters/http/security-headers';
import { addressOf } from './adapters/http/session-cookie';
import { declaredLength, MAX_BATCH_CALLS, refuseTrpc, trpcCallsOf } from './adapters/http/trpc-edge';
import { createMetricsEndpoint, type MetricsEndpoint } from './adapters/metrics/prometheus';
import { internalErrorLog } from './api/internal-error-log';
import { appRouter } from './api/root';
import { PROCEDURE_DEADLINE_MS } from './api/trpc';
import { createApp } from './app';
import { connectSharedRedis, socketIoClusterOptions } from './composition/redis';
import { ConfigError, parseConfig } from './config';
import type { Principal } from './domain/identity/roles';
import type { ClientToServerEvents, ServerToClientEvents } from './domain/live-protocol';
import { isUnavailable, RETRY_AFTER_S } from './domain/unavailable';
import { createLogger } from './adapters/logging/pino-logger';
import { ensureNextBuild, ROOT_DIR } from './next-build';
import { getRuntime, setRuntime } from './runtime';

async function main() {
  const dev = process.argv.includes('--dev');
  let config: ReturnType<typeof parseConfig>;
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
  // A rejection nobody handled is a bug to fix, not a reason to stop serving: it is logged loudly (the test suites
  // fail on any; see server/testing/fail-on-unhandled.ts).
  process.on('unhandledRejection', (reason, promise) => {
    // A postgres.js query is itself the promise: its SQL says which code left it unhandled (the error's stack has
    // only the driver's socket frames).
    const q = promise as unknown as { strings?: unknown; string?: unknown };
    const text = Array.isArray(q.strings) ? q.strings.join('?') : typeof q.string === 'string' ? q.string : undefined;
    logger.error(
      {
        err: reason instanceof Error ? (reason.stack ?? reason.message) : String(reason),
        ...(text !== undefined && { query: text.slice(0, 300) }),
        promise: promise?.constructor?.name,
      },
      'unhandled promise rejection',
    );
  });
  const t0 = performance.now();
  // First: with REDIS_URL set and Redis unreachable the start fails at once (one line naming REDIS_URL).
  const redis = await connectSharedRedis(config, logger);
  // A node without the web role loads neither Next.js nor Socket.IO: it serves its health and metrics only.
  const web = config.NODE_ROLES.web;
  if (!dev && web) ensureNextBuild(logger);

  const nextApp = web ? next({ dev, dir: ROOT_DIR, hostname: 'localhost', port: config.PORT }) : null;
  const handle = nextApp?.getRequestHandler();
  let headless: HeadlessEndpoints | null = null;
  // GET /metrics is served here, beside Next, once the app exists (Prometheus text; see README).
  let metrics: MetricsEndpoint | null = null;
  let auth: AuthEndpoints | null = null;
  let history: HistoryEndpoints | null = null;
  let app: Awaited<ReturnType<typeof createApp>> | null = null;
  const maxBody = config.MAX_REQUEST_BODY_BYTES;
  // The session of a tRPC request, checked at the edge (with a deadline) before tRPC reads the body.
  const principals = new WeakMap<http.IncomingMessage, { principal: Principal | null; arrivedAt: number }>();
  // tRPC is served here directly rather than through a Next route handler: Next's routing, web streams and
  // response compression cost about 8.5 ms of CPU per request, most of a small query's cost.
  const trpc = createHTTPHandler({
    router: appRouter,
    basePath: '/api/trpc/',
    // Backstops of the edge checks below: a chunked body past the limit, a batch past the limit.
    maxBodySize: maxBody,
    maxBatchSize: MAX_BATCH_CALLS,
    createContext: ({ req }) => {
      const edge = principals.get(req);
      const deadlineAt = (edge?.arrivedAt ?? Date.now()) + PROCEDURE_DEADLINE_MS;
      return { runtime: getRuntime(), principal: edge?.principal ?? null, address: addressOf(req), deadlineAt };
    },
    // A 500 answers "the server log has the detail": here it is written (path and cause, bounded).
    onError: internalErrorLog(logger),
    responseMeta: ({ errors }) =>
      errors.some((e) => e.code === 'SERVICE_UNAVAILABLE') ? { headers: { 'Retry-After': String(RETRY_AFTER_S) } } : {},
  });
  const refuse = (res: http.ServerResponse, status: number, error: string, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers }).end(JSON.stringify({ error }));
  };
  /** Every request promise ends here: an unexpected error is logged and answered 500, never left unhandled. */
  const settle = (req: http.IncomingMessage, res: http.ServerResponse) => (err: unknown) => {
    logger.error({ err: (err as Error)?.message ?? String(err), url: req.url }, 'request failed');
    if (!res.headersSent) refuse(res, 500, 'internal error; the server log has the detail');
    else res.destroy();
  };

  async function serveTrpc(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    a: AuthEndpoints,
    origins: { matches(r: http.IncomingMessage): boolean },
  ) {
    const arrivedAt = Date.now();
    const calls = trpcCallsOf(req.url!);
    if (calls.length > MAX_BATCH_CALLS)
      return refuseTrpc(req, res, 400, `a batch may hold at most ${MAX_BATCH_CALLS} calls (this one has ${calls.length}); send several`);
    const post = req.method === 'POST';
    // Mutations only by POST (tRPC refuses them over GET) with JSON from this app's own pages.
    if (post && !isJson(req)) return refuse(res, 415, 'send JSON (Content-Type: application/json)');
    if (post && !origins.matches(req)) return refuse(res, 403, 'the Origin header must name this app');
    let principal: Principal | null;
    try {
      principal = await a.principalOf(req);
    } catch (e) {
      if (!isUnavailable(e)) throw e;
      return refuseTrpc(req, res, 503, e.message, { 'Retry-After': String(e.retryAfterS) });
    }
    if (post) {
      // Every procedure reached by POST needs a session: an anonymous body is refused unread (audited, coalesced).
      if (!principal) {
        for (const path of new Set(calls))
          app!.audit.deny({
            actor: 'anonymous',
            action: 'access',
            target: path,
            address: addressOf(req),
            detail: { type: 'mutation', reason: 'no session' },
          });
        return refuseTrpc(req, res, 401, 'sign in first');
      }
      const length = declaredLength(req);
      if (length !== null && length > maxBody)
        return refuseTrpc(req, res, 413, `the request body is ${length} bytes, over the limit of ${maxBody}; refused unread`);
    }
    principals.set(req, { principal, arrivedAt });
    await trpc(req, res);
  }

  const server = http.createServer((req, res) => {
    applySecurityHeaders(req, res, dev);
    // Every decision below is made on the normalised path, and Next gets that path too (request-target.ts).
    const target = normaliseTarget(req.url);
    if (!target.ok) return refuse(res, 400, target.reason);
    req.url = target.url;
    if (app && headless) return void headless.serve(req, res).catch(settle(req, res));
    if (!app || !auth || !handle) return refuse(res, 503, 'starting up', { 'Retry-After': String(RETRY_AFTER_S) });
    if (target.path.startsWith('/api/trpc/')) return void serveTrpc(req, res, auth, app.origins).catch(settle(req, res));
    if (auth.handles(req)) return void auth.serve(req, res).catch(settle(req, res));
    if (history?.handles(req)) return void history.serve(req, res).catch(settle(req, res));
    if (metrics?.handles(req)) return void metrics.serve(res).catch(settle(req, res));
    const a = auth;
    void pageGate(req, res, (r) => a.principalOf(r))
      .then((pass) => (pass ? handle(req, res) : undefined))
      .catch(settle(req, res));
  });
  const io = !web
    ? null
    : new Server<ClientToServerEvents, ServerToClientEvents>(server, {
        path: '/socket.io',
        transports: ['websocket'],
        // Client events are small (a resync, a batch of browser hops); anything bigger is refused.
        maxHttpBufferSize: 32 * 1024,
        serveClient: false,
        // Leave other upgrade requests (Next's dev HMR socket) alone.
        destroyUpgrade: false,
        // With REDIS_URL: the Redis Streams adapter (room-wide emits reach every node) and connection state recovery.
        ...socketIoClusterOptions(config, redis),
      });

  // A conflict with another node (a second web node without REDIS_URL): this process stops with that one line.
  let exitCode = 0;
  let stopFor: ((reason: string) => Promise<void>) | null = null;
  const onFatal = (message: string) => {
    console.error(`fleetscope stopped: ${message}`);
    exitCode = 2;
    if (stopFor) void stopFor('conflict');
    else process.exit(2);
  };
  app = await createApp(config, { logger, ...(io && { io }), identity: { redis }, onFatal });
  setRuntime(app.runtime);
  auth = createAuthEndpoints({ identity: app.identity, audit: app.audit, origins: app.origins, logger });
  const { reader, importer } = app.history;
  history = createHistoryEndpoints({
    reader,
    importer,
    principalOf: auth.principalOf,
    deny: (e) => app!.audit.deny(e),
    origins: app.origins,
    logger,
  });
  // Commands are counted by the app from its start (each final status once); the fleet is read at scrape time.
  metrics = createMetricsEndpoint({
    recorder: app.flow?.recorder ?? null,
    fleet: app.store,
    protocol: app.ownProtocol,
    commands: app.commandMetrics,
    broker: app.broker,
    alerts: app.alerts,
    gateway: config.NODE_ROLES.gateway ? app.gateway : null,
    node: app.node,
  });
  if (!web) {
    const roles = (['gateway', 'ingest', 'web', 'control'] as const).filter((r) => config.NODE_ROLES[r]).join(',');
    headless = createHeadlessEndpoints({ health: () => app!.runtime.health(), metrics, roles });
  }
  await nextApp?.prepare();
  if (dev && nextApp) {
    const upgrade = nextApp.getUpgradeHandler();
    server.on('upgrade', (req, socket, head) => {
      if (!req.url?.startsWith('/socket.io')) {
        upgrade(req, socket, head).catch((err: unknown) => {
          logger.error({ err: (err as Error).message }, 'dev upgrade failed');
          socket.destroy();
        });
      }
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(err.code === 'EADDRINUSE' ? new Error(`PORT ${config.PORT} is already in use; set PORT to a free port`) : err),
    );
    server.listen(config.PORT, config.HOSTNAME, () => resolve());
  });
  logger.info({ url: `http://localhost:${config.PORT}`, startMs: Math.round(performance.now() - t0), dev, web }, 'fleetscope is serving');

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
    if (io) await new Promise<void>((resolve) => void io.close(() => resolve()));
    await app?.stop();
    await redis?.close().catch((err: unknown) => logger.error({ err: (err as Error).message }, 'shutdown: redis failed'));
    setRuntime(undefined);
    server.closeAllConnections();
    logger.info('stopped cleanly');
    process.exit(exitCode);
  };
  stopFor = shutdown;
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  console.error(`fleetscope failed to start: ${(err as Error).message}`);
  process.exit(1);
});
