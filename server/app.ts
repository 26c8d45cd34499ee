// Wires the data path from configuration: database, broker, bus, gateway, workers, fan-out and simulator.
// The only place (with server/index.ts) that chooses adapters; everything else receives its dependencies.
import { randomBytes } from 'node:crypto';
import v8 from 'node:v8';
import { openDb, type Db } from '../db/client';
import { lastRecordedActivity, openCommands } from '../db/queries/commands';
import type { AppConfig } from './config';
import type { Logger } from './logger';
import { createInProcessBus } from './adapters/bus/in-process';
import { createVda5050Commander } from './adapters/gateways/vda5050-mqtt/commander';
import type { RetryPolicy } from './adapters/gateways/vda5050-mqtt/delivery-tracker';
import { createVda5050Gateway } from './adapters/gateways/vda5050-mqtt/gateway';
import { createOutboundWriter } from './adapters/gateways/vda5050-mqtt/outbound';
import { createSchemaValidator } from './protocol/schema-validator';
import { splitBrokerUrl } from './protocol/broker-url';
import { denialAuditEntry } from './adapters/mqtt/denial-window';
import { startEmbeddedBroker, type EmbeddedBroker } from './adapters/mqtt/embedded-broker';
import { createCommandFeed } from './adapters/realtime/command-feed';
import { createSocketIoFanout, type FleetIo } from './adapters/realtime/socketio';
import { GatewayNotConnectedError } from './domain/vda5050/command-errors';
import { createRoutePlanner } from './domain/route-planner';
import type { WarehouseMap } from './domain/warehouse-map';
import { systemClock, type Clock } from './ports/clock';
import type { LiveFanout } from './ports/live-fanout';
import type { MessageBus } from './ports/message-bus';
import type { CommandLedger } from './ports/command-ledger';
import type { RobotGateway } from './ports/robot-gateway';
import type { RobotProtocolReader } from './ports/robot-protocol-reader';
import type { AppRuntime } from './runtime';
import { createCommandBook } from './services/command-book';
import { createCommandLedger } from './services/command-ledger';
import { createCommandTracing } from './services/command-tracing';
import { createChangeWatch, databaseHealth, overall, storeStatus, worst, type ComponentHealth } from './services/health';
import { createRobotAdmission } from './services/robot-admission';
import { createProcessMetrics, percentile } from './services/process-metrics';
import { createRobotProtocolReader } from './services/robot-protocol-reader';
import { createRobotRegistry } from './services/robot-registry';
import { loadSiteMap } from './services/site-map';
import { startFleet, type SimFleet } from './sim/fleet';
import { createCommandDispatcher, type DispatcherOptions } from './workers/command-dispatcher';
import { createFleetStateStore, type FleetStateStore } from './workers/fleet-state';
import { createFactsheetRequester } from './workers/factsheet-requester';
import { createIngestWorker, type IngestWorker } from './workers/ingest';
import { createFactsheetBook } from './workers/robot-factsheets';
import { createRobotLivenessWorker, type LivenessOptions, type RobotLivenessWorker } from './workers/robot-liveness';
import { createRobotProtocolWorker } from './workers/robot-protocol';
import { traceBus } from './adapters/bus/traced';
import { startFlowLive } from './adapters/realtime/flow-live';
import { traceCommander, type TracedCommander } from './adapters/gateways/vda5050-mqtt/traced-commander';
import { createFlowTracing, type FlowTracing } from './flow-wiring';
import { createOriginCheck, type OriginCheck } from './adapters/http/origin-check';
import { guardSockets } from './adapters/realtime/socket-auth';
import { createAuditTrail, type AuditTrail } from './services/identity/audit-trail';
import { createIdentity, type Identity } from './services/identity/identity';
import { createLoginLimiter, type LoginLimits } from './services/identity/login-limiter';
import { createRobotCredentials, usernameFor, type RobotCredentials } from './services/identity/robot-credentials';
import { createSessionStore, type SessionPolicy } from './services/identity/sessions';

export interface App {
  runtime: AppRuntime;
  db: Db;
  bus: MessageBus;
  map: WarehouseMap;
  brokerUrl: string;
  broker: EmbeddedBroker | null;
  gateway: RobotGateway;
  /** Sends orders and instant actions to robots (VDA 5050), with delivery tracking; traced (withTrace for the ledger). */
  commander: TracedCommander;
  /** The command ledger (commands.*): records, dispatches and follows every command to a final status. */
  commands: CommandLedger;
  protocol: RobotProtocolReader;
  liveness: RobotLivenessWorker;
  store: FleetStateStore;
  ingest: IngestWorker;
  fanout: LiveFanout | null;
  sim: SimFleet | null;
  /** Data-flow metering and traces; null when TRACE_ENABLED=false. */
  flow: FlowTracing | null;
  identity: Identity;
  audit: AuditTrail;
  origins: OriginCheck;
  /** MQTT credentials of robots; the embedded broker signs clients in against them. */
  credentials: RobotCredentials;
  stop(): Promise<void>;
}

/** Tuning of the master-control side; tests shorten the waits. */
export interface ProtocolOptions {
  liveness?: LivenessOptions;
  retry?: Partial<RetryPolicy>;
  factsheetGraceMs?: number;
  dispatcher?: Partial<DispatcherOptions>;
}

/** Tuning of sign-in; tests shorten sessions and loosen throttling. */
export interface IdentityOptions {
  sessions?: Partial<SessionPolicy>;
  loginLimits?: LoginLimits;
  socketSweepMs?: number;
}

export async function createApp(config: AppConfig, deps: { logger: Logger; io?: FleetIo; clock?: Clock; protocol?: ProtocolOptions; identity?: IdentityOptions }): Promise<App> {
  const { logger } = deps;
  const clock = deps.clock ?? systemClock;
  const db = await openDb({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, migrate: true });
  logger.info({ database: db.kind }, 'database ready, migrations applied');
  const map = await loadSiteMap({ db });

  const audit = createAuditTrail({ db, clock, logger });
  const sessions = createSessionStore({
    db,
    clock,
    policy: { idleMs: config.SESSION_IDLE_MINUTES * 60_000, absoluteMs: config.SESSION_MAX_HOURS * 3600_000, ...deps.identity?.sessions },
  });
  const identity = createIdentity({ db, sessions, audit, limiter: createLoginLimiter(deps.identity?.loginLimits), logger });
  const admin = await identity.bootstrapAdmin({ email: config.ADMIN_EMAIL, password: config.ADMIN_PASSWORD });
  if (admin.created && admin.generatedPassword) {
    // Printed once, to the console only (not the structured log, which may be shipped elsewhere).
    console.log(`\n  First administrator created: ${admin.email}\n  Password (shown once, change it after signing in): ${admin.generatedPassword}\n`);
  } else if (admin.created) logger.info({ email: admin.email }, 'first administrator created from ADMIN_EMAIL / ADMIN_PASSWORD');
  const origins = createOriginCheck(config.ALLOWED_ORIGINS);
  const socketGuard = deps.io ? guardSockets({ io: deps.io, sessions, audit, origins, logger, sweepMs: deps.identity?.socketSweepMs }) : null;

  // MQTT access. The embedded broker signs every client in: robots with their credentials (stored hashed, managed
  // by admins), the app's own client with a master user generated per start (memory only), the simulator with a
  // manufacturer-wide credential given a fresh password per start. An external broker (MQTT_URL) does its own
  // checks: the app and the simulator use the credentials in the URL, if any.
  const credentials = createRobotCredentials({ db, audit, logger });
  const external = config.MQTT_URL ? splitBrokerUrl(config.MQTT_URL) : null;
  const login = (username?: string, password?: string) => ({ ...(username !== undefined && { username }), ...(password !== undefined && { password }) });
  const master = { username: `fleetscope$app-${randomBytes(4).toString('hex')}`, password: randomBytes(24).toString('base64url') };
  const appLogin = external ? login(external.username, external.password) : master;
  const simLogin = config.SIM_ROBOTS === 0 ? {} : external ? appLogin : await provisionSimulator(credentials, logger);
  const broker = external
    ? null
    : await startEmbeddedBroker({
        port: config.MQTT_PORT,
        auth: { iface: config.VDA_INTERFACE, master, accounts: () => credentials.accounts(), onDenied: (d) => audit.record(denialAuditEntry(d)) },
      });
  const stopCredentialSync = broker ? credentials.onChange(() => broker.reloadAccounts()) : () => {};
  const brokerUrl = external?.url ?? broker!.url;
  if (broker) logger.info({ url: broker.url }, 'embedded MQTT broker listening (clients sign in; topic ACLs enforced)');

  const flow = createFlowTracing(config, { db, clock, logger });
  const untracedBus = createInProcessBus({ onHandlerError: (name, err) => logger.error({ subscriber: name, err: (err as Error).message }, 'bus subscriber failed') });
  const bus = flow ? traceBus(untracedBus, flow.recorder) : untracedBus;
  // New robots on first contact: rate-limited and capped per manufacturer login, counted and audited.
  const admission = createRobotAdmission({ clock, audit, limits: { maxRobotsPerLogin: config.MAX_ROBOTS_PER_LOGIN } });
  const registry = await createRobotRegistry({ db, admission });
  const store = createFleetStateStore({ bus, registry, clock });
  const ingest = createIngestWorker({ db, bus, clock, logger, tracer: flow?.recorder }, { retentionHours: config.SAMPLE_RETENTION_HOURS });
  void ingest.pruneNow();
  const validator = createSchemaValidator();
  const gateway = createVda5050Gateway({ brokerUrl, clientOptions: appLogin, iface: config.VDA_INTERFACE, bus, registry, admission, validator, clock, logger, tracer: flow?.recorder });
  // The gateway starts only once every consumer below is subscribed and the open commands are loaded (see there).

  const factsheets = await createFactsheetBook({ db, bus });
  const writer = createOutboundWriter({
    iface: config.VDA_INTERFACE,
    validator,
    clock,
    publish: (robotId, topic, payload) => {
      const c = gateway.client;
      if (!c) throw new GatewayNotConnectedError(robotId);
      c.publish(topic, payload, { qos: 0 });
    },
    onSent: (robot, m) => {
      gateway.monitor.recordOutbound(robot, m);
      flow?.outbound(robot, m.topic, m.size);
    },
  });
  // Traced: every order/instantActions message gets a command trace up to the robot's acknowledgement.
  const commander = traceCommander(createVda5050Commander({ writer, robots: store, factsheets, bus, clock, logger, retry: deps.protocol?.retry }), flow?.recorder, (id) => store.get(id)?.manufacturer);
  const robotProtocol = createRobotProtocolWorker({ bus, clock });
  const liveness = createRobotLivenessWorker({ bus, clock, fleet: store }, deps.protocol?.liveness);
  const factsheetRequester = createFactsheetRequester({ bus, factsheets, commander, logger, graceMs: deps.protocol?.factsheetGraceMs });
  const protocol = createRobotProtocolReader({ fleet: store, book: gateway.monitor, factsheets });

  const planner = createRoutePlanner(map);
  const commandBook = createCommandBook({ db, clock, logger });
  const commandTracing = createCommandTracing(flow?.recorder);
  commandBook.onChange((c) => {
    commandTracing.final(c);
    flow?.commandWritten();
    if (c.status === 'dispatched') flow?.commandDispatched();
  });
  const dispatcher = createCommandDispatcher({ book: commandBook, bus, commander, tracing: commandTracing, fleet: store, factsheets, planner, clock, logger, options: deps.protocol?.dispatcher });
  dispatcher.resume(await openCommands(db), { lastActivityAt: await lastRecordedActivity(db) });
  dispatcher.start();
  const commands = createCommandLedger({ db, book: commandBook, dispatcher, fleet: store, factsheets, planner, clock, tracing: commandTracing });
  // Robot messages flow only now: a report that arrived before the open commands were loaded (a robot that
  // finished while the app was down, its state retained on the broker) found no command and was lost for good.
  await gateway.start();

  const fanout = deps.io ? createSocketIoFanout({ io: deps.io, store, clock, logger, hz: config.FANOUT_HZ, tracer: flow?.recorder }) : null;
  fanout?.start();
  const flowLive = deps.io && flow ? startFlowLive({ io: deps.io, recorder: flow.recorder, ring: flow.ring, reader: flow.reader, logger }) : null;
  flow?.describe({
    gateway: () => gateway.health(),
    ingest: () => {
      const s = ingest.stats();
      return { samplesBuffered: s.samples.buffered, samplesDropped: s.samples.dropped, eventsWritten: s.events.written };
    },
    fanout: fanout && (() => fanout.health()),
    robotsOf: (m) => store.list().filter((r) => r.manufacturer === m).length,
    robotCount: () => store.list().length,
  });
  const commandFeed = deps.io ? createCommandFeed({ io: deps.io, ledger: commands, onSent: (c) => commandTracing.pushed(c) }) : null;

  const sim =
    config.SIM_ROBOTS > 0
      ? await startFleet({
          brokerUrl,
          clientOptions: simLogin,
          manufacturer: SIM_MANUFACTURER,
          iface: config.VDA_INTERFACE,
          robots: config.SIM_ROBOTS,
          hz: config.SIM_HZ,
          seed: config.SIM_SEED,
          map,
          logger: (m) => logger.info({ component: 'sim' }, m),
        })
      : null;
  if (sim) logger.info({ robots: config.SIM_ROBOTS, hz: config.SIM_HZ, seed: config.SIM_SEED }, 'simulated fleet started');

  const processMetrics = createProcessMetrics();
  // Each component's status comes from its real state (before, bus, commands, commander, process and simulator
  // said ok unconditionally, and ingest said ok while its batches failed).
  const watch = createChangeWatch(() => clock.now());
  const health = async () => {
    const now = clock.now();
    const ing = ingest.stats();
    const busStats = bus.stats();
    const gw = gateway.health();
    const database = await databaseHealth(db);
    const samples = storeStatus('robot_samples', ing.samples, watch, now);
    const events = storeStatus('robot_events', ing.events, watch, now);
    const factsheetLoss = watch.observe('factsheets:rejected', ing.factsheets.rejected).changedAt;
    const traces = flow ? flow.writer.stats() : null;
    const traceStore = traces ? storeStatus('trace_hops', traces, watch, now) : null;
    const busErrorsAt = watch.observe('bus:handlerErrors', busStats.handlerErrors).changedAt;
    const proc = processMetrics.figures();
    const heap = process.memoryUsage().heapUsed / v8.getHeapStatistics().heap_size_limit;
    const cmd = commandBook.stats();
    const simProgress = sim ? watch.observe('sim:published', sim.published().total) : null;
    const recently = (at: number | null, ms = RECENT_MS) => at !== null && now - at < ms;
    const components: Record<string, ComponentHealth> = {
      database,
      bus: { status: busStats.closed ? 'down' : recently(busErrorsAt) || busStats.pending > 10_000 ? 'degraded' : 'ok', kind: bus.kind, ...busStats },
      mqtt: { status: gw.connected ? 'ok' : 'down', url: brokerUrl, embedded: broker !== null, brokerClients: broker?.clients() ?? null, reconnects: gw.reconnects, lastError: gw.lastError, auth: broker?.auth() ?? null },
      gateways: { status: gw.status, [gateway.name]: gw },
      commands: {
        // The ledger records every change in the database and reaches robots through the gateway.
        status: database.status !== 'ok' || (!gw.connected && cmd.open > 0) ? 'degraded' : 'ok',
        ...cmd,
        ...dispatcher.stats(),
        ...(commandFeed && commandFeed.stats()),
      },
      commander: { status: gw.connected ? 'ok' : 'degraded', gatewayConnected: gw.connected, ...commander.stats(), factsheetRequests: factsheetRequester.stats().requested, ...robotProtocol.stats() },
      ingest: {
        status: worst(samples.status, events.status, recently(factsheetLoss) ? 'degraded' : 'ok'),
        problem: samples.why ?? events.why ?? (recently(factsheetLoss) ? 'factsheets refused by the database in the last 10 minutes' : null),
        samplesWritten: ing.samples.written,
        samplesBuffered: ing.samples.buffered,
        samplesDropped: ing.samples.dropped,
        samplesRejected: ing.samples.rejected,
        batchFailures: ing.samples.failures,
        eventsWritten: ing.events.written,
        eventsBuffered: ing.events.buffered,
        eventsDropped: ing.events.dropped,
        eventsRejected: ing.events.rejected,
        eventBatchFailures: ing.events.failures,
        factsheets: ing.factsheets,
        lastError: ing.samples.lastError ?? ing.events.lastError,
        lastRejection: ing.samples.lastRejection ?? ing.events.lastRejection,
        retentionHours: config.SAMPLE_RETENTION_HOURS,
        pruned: ing.pruned,
        batchCommitP50Ms: Math.round(percentile(ing.samples.recentCommitMs, 50) * 100) / 100,
        batchCommitP99Ms: Math.round(percentile(ing.samples.recentCommitMs, 99) * 100) / 100,
        commitMsTotal: Math.round(ing.samples.commitMsTotal),
      },
      ...(traces &&
        traceStore && {
          traces: {
            status: traceStore.status,
            problem: traceStore.why,
            hopsWritten: traces.written,
            hopsBuffered: traces.buffered,
            maxBuffered: traces.maxBuffered,
            hopsDropped: traces.dropped,
            hopsRejected: traces.rejected,
            batchFailures: traces.failures,
            lastError: traces.lastError,
            lastRejection: traces.lastRejection,
            pruned: traces.pruned,
          },
        }),
      process: { status: proc.eventLoopDelayP99Ms > 1000 || heap > 0.9 ? 'degraded' : 'ok', heapOfLimit: Math.round(heap * 1000) / 1000, ...proc },
      audit: { status: audit.stats().lastError ? 'degraded' : 'ok', ...audit.stats(), ...(socketGuard && { sockets: socketGuard.stats() }) },
      ...(fanout && { realtime: { ...fanout.health() } }),
      simulator:
        sim && simProgress
          ? {
              // Simulated robots publish at SIM_HZ: nothing new for 10 s (or three periods) means they are stuck or cut off.
              status: now - (simProgress.changedAt ?? simProgress.since) > Math.max(10_000, 3000 / config.SIM_HZ) ? 'degraded' : 'ok',
              robots: sim.robots.length,
              hz: config.SIM_HZ,
              published: sim.published().total,
            }
          : { status: 'ok', robots: 0 },
    };
    return overall(components);
  };

  const runtime: AppRuntime = { fleet: store, map, health, protocol, sim, commands, flow: flow?.reader ?? null, identity, audit, credentials };

  let stopped = false;
  return {
    runtime,
    db,
    bus,
    map,
    brokerUrl,
    broker,
    gateway,
    commander,
    commands,
    protocol,
    liveness,
    store,
    ingest,
    fanout,
    sim,
    flow,
    identity,
    audit,
    origins,
    credentials,
    async stop() {
      if (stopped) return;
      stopped = true;
      const step = async (name: string, fn: () => Promise<unknown> | unknown) => {
        try {
          await fn();
        } catch (err) {
          logger.error({ err: (err as Error).message }, `shutdown: ${name} failed`);
        }
      };
      await step('simulator', () => sim?.stop({ clean: true }));
      await step('fan-out', () => fanout?.stop());
      commandFeed?.stop();
      flowLive?.stop();
      await step('command dispatcher', () => dispatcher.stop());
      factsheetRequester.stop();
      liveness.stop();
      commander.stop();
      robotProtocol.stop();
      factsheets.stop();
      await step('gateway', () => gateway.stop());
      await step('ingest flush', () => ingest.stop());
      await step('trace flush', () => flow?.stop());
      socketGuard?.stop();
      admission.stop();
      store.stop();
      processMetrics.stop();
      await step('bus', () => bus.close());
      stopCredentialSync();
      await step('broker', () => broker?.close());
      // Last before the database: the broker's final refusal summaries are audit entries too.
      await step('audit flush', () => audit.stop());
      await step('database', () => db.close());
    },
  };
}

/** Losses or errors within this long keep a component degraded. */
const RECENT_MS = 10 * 60_000;

/** Manufacturer of the app's simulated robots. */
const SIM_MANUFACTURER = 'SimRobotics';

/** The simulator's manufacturer-wide MQTT login, with a new password per start (the old one cannot be known). */
async function provisionSimulator(credentials: RobotCredentials, logger: Logger): Promise<{ username?: string; password?: string }> {
  try {
    const c = await credentials.provision(SIM_MANUFACTURER, null, 'the simulated fleet (a new password at every start)', usernameFor('simulator.', SIM_MANUFACTURER, null));
    return { username: c.username, password: c.password };
  } catch (err) {
    logger.error({ err: (err as Error).message }, 'cannot provision MQTT credentials for the simulator; its robots will be refused');
    return {};
  }
}
