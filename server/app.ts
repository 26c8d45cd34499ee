// The composition root: wires the app from configuration, one module per subsystem (server/composition/), each
// a function of the config and the handles it needs that returns its handles, its part of health and stop().
// The only place (with server/index.ts) that chooses adapters; everything else receives its dependencies.
import { openDb, type Db } from '../db/client';
import type { AppConfig } from './config';
import type { FleetIo } from './adapters/realtime/socketio';
import type { OriginCheck } from './adapters/http/origin-check';
import type { EmbeddedBroker } from './adapters/mqtt/embedded-broker';
import type { Vda5050Gateway } from './adapters/gateways/vda5050-mqtt/gateway';
import type { WarehouseMap } from './domain/warehouse-map';
import type { FlowTracing } from './flow-wiring';
import { systemClock, type Clock } from './ports/clock';
import type { CommandLedger } from './ports/command-ledger';
import type { LiveFanout } from './ports/live-fanout';
import type { Logger } from './ports/logger';
import type { MessageBus } from './ports/message-bus';
import type { TracedCommander } from './ports/robot-commander';
import type { RobotProtocolReader } from './ports/robot-protocol-reader';
import type { HealthReport } from './ports/health';
import type { AppRuntime } from './runtime';
import type { AlertCenterService } from './services/alerts/alert-center';
import type { CommandMetrics } from './services/command-metrics';
import type { AuditTrail } from './services/identity/audit-trail';
import type { Identity } from './services/identity/identity';
import type { RobotCredentials } from './services/identity/robot-credentials';
import { loadSiteMap } from './services/site-map';
import type { SimFleet } from './sim/fleet';
import type { FaultSource } from './workers/event-recorder';
import type { FleetStateStore } from './workers/fleet-state';
import type { IngestWorker } from './workers/ingest';
import type { RobotLivenessWorker } from './workers/robot-liveness';
import { composeAlerts } from './composition/alerts';
import { composeBroker } from './composition/broker';
import { composeCluster } from './composition/cluster';
import { composeCommands, type ProtocolOptions } from './composition/commands';
import { composeFlow } from './composition/flow';
import { composeHealth } from './composition/health';
import { composeHistory, type HistoryModule } from './composition/history';
import { composeIdentity, type IdentityOptions } from './composition/identity';
import { shutdownStep, type Module } from './composition/module';
import { composeProcess } from './composition/process';
import { composeRealtime } from './composition/realtime';
import { composeSimulator } from './composition/simulator';
import { createBus } from './composition/bus';
import { composeLease } from './composition/lease';
import { composeTelemetry } from './composition/telemetry';
import { composeZones } from './composition/zones';
import type { ZoneTrafficOptions, ZoneTrafficService } from './services/zones/zone-traffic';

export type { IdentityOptions, ProtocolOptions };

export interface App {
  runtime: AppRuntime;
  db: Db;
  bus: MessageBus;
  map: WarehouseMap;
  brokerUrl: string;
  broker: EmbeddedBroker | null;
  gateway: Vda5050Gateway;
  /** Sends orders and instant actions to robots (VDA 5050), with delivery tracking; traced (withTrace for the ledger). */
  commander: TracedCommander;
  /** The command ledger (commands.*): records, dispatches and follows every command to a final status. */
  commands: CommandLedger;
  protocol: RobotProtocolReader;
  /** This node's own protocol book only (/metrics: each node counts its gateway's robots, so a sum over nodes counts each once). */
  ownProtocol: RobotProtocolReader;
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
  alerts: AlertCenterService;
  /** Commands by final status and their durations (the /metrics endpoint reads it). */
  commandMetrics: CommandMetrics;
  /** Fleet history: the slice writer, its store and the readers behind history.*. */
  history: HistoryModule;
  /** VDA 5050 3.0 zone traffic control: zone sets, zone and edge requests, the request log. */
  zones: ZoneTrafficService;
  /** This process in a cluster: its id (NODE_ID), its bus, and whether it runs the singletons now. */
  node: NodeFacts;
  stop(): Promise<void>;
}

export interface NodeFacts {
  id: string;
  bus: string;
  isLeader(): boolean;
  /** The singletons running in this process now (only the lease holder runs them when processes share a database). */
  singletons(): { webhooks: boolean; retention: boolean; liveness: boolean };
}

export async function createApp(
  config: AppConfig,
  deps: {
    logger: Logger;
    io?: FleetIo;
    clock?: Clock;
    protocol?: ProtocolOptions;
    identity?: IdentityOptions;
    zones?: ZoneTrafficOptions;
    /** A conflict with another node that this process must not run through (server/index.ts exits with the line). */
    onFatal?: (message: string) => void;
  },
): Promise<App> {
  const { logger, io } = deps;
  const clock = deps.clock ?? systemClock;
  // First: with BUS_URL set and NATS unreachable the start fails at once, before anything else is open.
  const rawBus = await createBus(config, logger);
  const db = await openDb({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, migrate: true }).catch(async (err: unknown) => {
    await rawBus.close();
    throw err;
  });
  logger.info({ database: db.kind }, 'database ready, migrations applied');
  const map = await loadSiteMap({
    db,
    layoutFile: config.SITE_LAYOUT,
    onNote: (note) => logger.info({ layout: config.SITE_LAYOUT }, `site layout: ${note}`),
  }).catch(async (err: unknown) => {
    await db.close();
    await rawBus.close();
    throw err;
  });
  if (config.SITE_LAYOUT)
    logger.info({ layout: config.SITE_LAYOUT, nodes: map.nodes.length, edges: map.edges.length }, 'site layout loaded');

  // In order; stopped in reverse (the simulator first, identity's audit flush last before the database).
  const modules: Module[] = [];
  const add = <M extends Module>(m: M): M => (modules.push(m), m);
  const lease = add(await composeLease(config, { clock, logger }));
  const cluster = add(composeCluster(config, { bus: rawBus, clock, logger, lease: lease.lease, onFatal: deps.onFatal }));
  const identity = add(await composeIdentity(config, { db, clock, logger, io, options: deps.identity }));
  const broker = add(await composeBroker(config, { credentials: identity.credentials, audit: identity.audit, logger, bus: rawBus, clock }));
  // With a networked bus the flow map draws every node of the cluster, joined through the bus.
  const members = config.BUS_URL ? () => cluster.registry.nodes() : undefined;
  const flow = add(composeFlow(config, { db, clock, logger, cluster: members }));
  // History's writer is composed after telemetry (it needs the bus) but stops once the gateway is closed, before
  // the bus (a node without the ingest role hands its last slices to the ingest nodes over it).
  let history: HistoryModule | null = null;
  const telemetry = add(
    await composeTelemetry(config, {
      db,
      clock,
      logger,
      audit: identity.audit,
      broker,
      flow: flow.tracing,
      bus: rawBus,
      ownership: cluster.ownership,
      afterGateway: async () => history?.flushWriter(),
    }),
  );
  const { bus, store, factsheets, gateway, validator, outbound } = telemetry;
  const commands = add(
    await composeCommands(config, {
      db,
      clock,
      logger,
      map,
      bus,
      store,
      factsheets,
      gateway,
      outbound,
      validator,
      flow: flow.tracing,
      lease: lease.lease,
      liveNodes: () => cluster.registry.nodes().map((n) => n.node),
      cluster: config.BUS_URL ? { bus: rawBus, ownership: cluster.ownership } : null,
      options: deps.protocol,
    }),
  );
  const zones = add(
    composeZones({
      ...{ db, bus, clock, logger, map, fleet: store, writer: commands.writer, options: deps.zones },
      lease: lease.lease,
      cluster: config.BUS_URL ? { bus: rawBus, node: config.NODE_ID } : null,
    }),
  );
  // The event recorder reads the simulator's injected faults lazily: the simulator starts last.
  let faultSource: FaultSource | null = null;
  history = add(
    composeHistory(config, {
      db,
      clock,
      logger,
      bus,
      fleet: store,
      // This node's protocol book only: each robot's protocol trouble is recorded once, by its gateway's node.
      protocol: commands.ownProtocol,
      faults: () => faultSource,
      mqtt: { url: broker.brokerUrl, login: broker.appLogin },
      tracer: flow.tracing?.recorder,
      flow: flow.tracing?.reader ?? null,
      isLeader: () => lease.lease.isLeader(),
    }),
  );
  let health: (() => Promise<HealthReport>) | null = null;
  const alerts = add(
    await composeAlerts(config, {
      db,
      clock,
      logger,
      audit: identity.audit,
      bus,
      fleet: store,
      protocol: commands.protocol,
      ledger: commands.ledger,
      flow: flow.tracing?.reader ?? null,
      appHealth: () => (health ? health() : Promise.reject(new Error('the app is starting'))),
      livenessLimitMs: deps.protocol?.liveness?.offlineAfterMs,
      lease: lease.lease,
      cluster: config.BUS_URL ? { bus: rawBus, node: config.NODE_ID } : null,
    }),
  );
  // Which singletons this process runs now, beside the lease in the `leader` component of /api/health.
  const singletons = () => ({
    webhooks: alerts.webhooks.current() !== null,
    retention: lease.lease.isLeader(),
    liveness: commands.liveness.running(),
  });
  add({ health: () => ({ leader: { status: 'ok', running: singletons() } }), stop: async () => {} });
  // Robot messages flow only now, with every consumer subscribed and the open commands loaded: a report that
  // arrived before (a robot that finished while the app was down, its state retained on the broker) was lost.
  await telemetry.start();
  const realtime = add(
    composeRealtime(config, {
      io,
      store: telemetry.store,
      ledger: commands.ledger,
      alerts: alerts.center,
      commandTracing: commands.tracing,
      flow: flow.tracing,
      clock,
      logger,
    }),
  );
  flow.describe({
    gateway: () => telemetry.gateway.health(),
    ingest: () => {
      const s = telemetry.ingest.stats();
      return { eventsWritten: s.events.written, eventsBuffered: s.events.buffered };
    },
    history: () => history.writer.stats(),
    fanout: realtime.fanout && (() => realtime.fanout!.health()),
    robotsOf: (m) => telemetry.store.list().filter((r) => r.manufacturer === m).length,
    robotCount: () => telemetry.store.list().length,
  });
  const simulator = add(await composeSimulator(config, { brokerUrl: broker.brokerUrl, login: broker.simLogin, map, logger }));
  faultSource = simulator.sim;
  add(composeProcess());

  health = composeHealth({ db, clock, modules, node: config.NODE_ID });
  const runtime: AppRuntime = {
    fleet: telemetry.store,
    map,
    health,
    protocol: commands.protocol,
    sim: simulator.sim,
    commands: commands.ledger,
    flow: flow.tracing?.reader ?? null,
    identity: identity.identity,
    audit: identity.audit,
    credentials: identity.credentials,
    alerts: alerts.center,
    history: history.reader,
    incidents: history.incidents,
    zones: zones.traffic,
  };

  let stopped = false;
  return {
    runtime,
    db,
    bus: telemetry.bus,
    map,
    brokerUrl: broker.brokerUrl,
    broker: broker.broker,
    gateway: telemetry.gateway,
    commander: commands.commander,
    commands: commands.ledger,
    protocol: commands.protocol,
    ownProtocol: commands.ownProtocol,
    liveness: commands.liveness,
    store: telemetry.store,
    ingest: telemetry.ingest,
    fanout: realtime.fanout,
    sim: simulator.sim,
    flow: flow.tracing,
    identity: identity.identity,
    audit: identity.audit,
    origins: identity.origins,
    credentials: identity.credentials,
    alerts: alerts.center,
    commandMetrics: commands.metrics,
    history,
    zones: zones.traffic,
    node: {
      id: config.NODE_ID,
      bus: telemetry.bus.kind,
      isLeader: () => lease.lease.isLeader(),
      singletons,
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      // Nothing of this node acts on robots any more (its dispatcher stopped, its reports written), then a goodbye
      // while the rest still runs: its peers take its robots over now, not after its silence, and the leader's
      // adoption of its open commands cannot overlap a dispatcher here.
      for (const m of modules) if (m.quiesce) await shutdownStep(logger)('quiesce', () => m.quiesce!());
      cluster.leave();
      for (const m of [...modules].reverse()) await m.stop();
      await shutdownStep(logger)('database', () => db.close());
    },
  };
}
