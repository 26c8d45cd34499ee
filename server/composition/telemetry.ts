// The telemetry path: bus, robot registration, the VDA 5050 gateway (robots → bus), the fleet state store, the
// ingest worker (bus → robot_events, robots.last_seen_at, factsheets) and the factsheet book; telemetry samples are
// kept by the history module (composition/history.ts). The gateway is created here but starts only when createApp
// calls start(), once every consumer is subscribed and the open commands are loaded: a robot report that arrived
// earlier found no command and was lost for good.
import type { Db } from '../../db/client';
import type { AppConfig } from '../config';
import type { MessageBus } from '../ports/message-bus';
import { traceBus } from '../adapters/bus/traced';
import { createVda5050Gateway, type Vda5050Gateway } from '../adapters/gateways/vda5050-mqtt/gateway';
import type { OutboundMessage } from '../domain/cluster/outbound-message';
import { robotKey } from '../domain/robot';
import { createBusOutbound, relayOutboundToMqtt } from '../services/cluster/outbound-relay';
import type { Ownership } from '../domain/cluster/robot-owner';
import { createFactsheetStore } from '../adapters/storage/factsheet-store';
import { createTelemetryStore } from '../adapters/storage/telemetry-store';
import type { FlowTracing } from '../flow-wiring';
import { createSchemaValidator } from '../protocol/schema-validator';
import type { Clock } from '../ports/clock';
import type { Logger } from '../ports/logger';
import { percentile } from '../services/process-metrics';
import { storeStatus, worst } from '../services/health';
import type { AuditTrail } from '../services/identity/audit-trail';
import { createRobotAdmission } from '../services/robot-admission';
import { createRobotRegistry } from '../services/robot-registry';
import { createFleetStateStore } from '../workers/fleet-state';
import { createIngestWorker } from '../workers/ingest';
import { createFactsheetBook } from '../workers/robot-factsheets';
import type { BrokerModule } from './broker';
import { recently, shutdownStep, type HealthContext, type Module } from './module';

const ms2 = (v: number) => Math.round(v * 100) / 100;

/** A command another node sent through this gateway, in this node's protocol inspector like its own. */
function recordRelayed(gateway: { monitor: { recordOutbound: Vda5050Gateway['monitor']['recordOutbound'] } }, m: OutboundMessage) {
  const parts = m.topic.split('/');
  let headerId = -1;
  let payload: unknown = null;
  try {
    payload = JSON.parse(m.payload);
    const h = (payload as { headerId?: unknown }).headerId;
    if (typeof h === 'number') headerId = h;
  } catch {
    // Checked before it was relayed; a payload that is not JSON is recorded as text.
    payload = m.payload;
  }
  gateway.monitor.recordOutbound(robotKey(parts[2] ?? '', parts[3] ?? ''), {
    topic: parts[4] ?? '',
    headerId,
    at: Date.now(),
    size: Buffer.byteLength(m.payload),
    payload,
  });
}

export async function composeTelemetry(
  config: AppConfig,
  deps: {
    db: Db;
    clock: Clock;
    logger: Logger;
    audit: AuditTrail;
    broker: Pick<BrokerModule, 'brokerUrl' | 'appLogin' | 'figures'>;
    flow: FlowTracing | null;
    /** The bus the configuration chose (composition/bus.ts), made before anything else so a bad BUS_URL fails first. */
    bus: MessageBus;
    /** Which robots this process's gateway handles when several share the broker (composition/cluster.ts). */
    ownership?: Ownership | null;
    /** Runs on stop after the gateway has stopped and before the bus closes (history's writer: its last slices). */
    afterGateway?: () => Promise<void>;
  },
) {
  const { db, clock, logger, flow } = deps;
  const untracedBus = deps.bus;
  const bus = flow ? traceBus(untracedBus, flow.recorder) : untracedBus;
  // New robots on first contact: rate-limited and capped per manufacturer login, counted and audited.
  const admission = createRobotAdmission({ clock, audit: deps.audit, limits: { maxRobotsPerLogin: config.MAX_ROBOTS_PER_LOGIN } });
  const registry = await createRobotRegistry({ db, admission });
  const store = createFleetStateStore({ bus, registry, clock });
  const factsheetStore = createFactsheetStore(db);
  const roles = config.NODE_ROLES;
  const ingest = createIngestWorker(
    { store: createTelemetryStore(db), factsheetStore, bus, clock, logger, tracer: flow?.recorder },
    // An ingest node without a gateway writes every robot's last-seen time; a gateway without ingest writes none.
    { telemetry: !roles.ingest ? 'none' : roles.gateway ? 'this-node' : 'every-node' },
  );
  const validator = createSchemaValidator();
  const gateway = createVda5050Gateway({
    brokerUrl: deps.broker.brokerUrl,
    clientOptions: deps.broker.appLogin,
    iface: config.VDA_INTERFACE,
    bus,
    registry,
    admission,
    validator,
    clock,
    logger,
    tracer: flow?.recorder,
    ...(deps.ownership && { owns: deps.ownership.owns }),
  });
  const factsheets = await createFactsheetBook({ store: factsheetStore, bus });
  // What leaves for the robots: through this node's gateway, or, on a node without one, over the bus to the gateway
  // that owns the robot (services/cluster/outbound-relay.ts). A gateway node of a cluster relays what others send.
  const busOutbound = roles.gateway ? null : createBusOutbound({ bus: untracedBus, node: config.NODE_ID, clock });
  const outbound = busOutbound
    ? { publish: busOutbound.publish, link: busOutbound.link }
    : { publish: (robotId: number, topic: string, payload: string) => gateway.publish(robotId, topic, payload), link: gateway.link };
  const relay =
    roles.gateway && deps.ownership
      ? relayOutboundToMqtt({
          bus: untracedBus,
          owns: deps.ownership.owns,
          publish: (robotId, topic, payload) => gateway.publish(robotId, topic, payload),
          iface: config.VDA_INTERFACE,
          logger,
          onRelayed: (m) => recordRelayed(gateway, m),
        })
      : null;
  const step = shutdownStep(logger);

  return {
    bus,
    store,
    ingest,
    gateway,
    validator,
    factsheets,
    /** Sends to robots (the command writer's publish and the commander's link). */
    outbound,
    /** Robot messages flow from now on (a node without the gateway role has no MQTT client of its own). */
    start: async () => {
      if (roles.gateway) await gateway.start();
    },
    health(ctx: HealthContext) {
      const ing = ingest.stats();
      const busStats = bus.stats();
      const gw = gateway.health();
      const events = storeStatus('robot_events', ing.events, ctx.watch, ctx.now);
      const factsheetLoss = ctx.watch.observe('factsheets:rejected', ing.factsheets.rejected).changedAt;
      const busErrorsAt = ctx.watch.observe('bus:handlerErrors', busStats.handlerErrors).changedAt;
      const busLostAt = ctx.watch.observe('bus:lost', busStats.lost ?? 0).changedAt;
      const { url, embedded, brokerClients, auth } = deps.broker.figures();
      const robots = store.list();
      return {
        // This process's live view of the fleet (in a cluster, every robot, whichever gateway owns it).
        fleet: { status: 'ok', robots: robots.length, online: robots.filter((r) => r.connection === 'ONLINE').length },
        bus: {
          status:
            busStats.closed || busStats.connected === false
              ? 'down'
              : recently(ctx, busErrorsAt) || recently(ctx, busLostAt) || busStats.pending > 10_000
                ? 'degraded'
                : 'ok',
          kind: bus.kind,
          ...busStats,
        },
        mqtt: {
          // A node without the gateway role has no MQTT client: its commands leave through the gateways, over the bus.
          status: gw.connected || !roles.gateway ? 'ok' : 'down',
          ...(busOutbound && { gateway: false, outbound: 'bus', ...busOutbound.stats() }),
          ...(relay && { relayed: relay.stats() }),
          url,
          embedded,
          brokerClients,
          reconnects: gw.reconnects,
          lastError: gw.lastError,
          auth,
        },
        gateways: roles.gateway ? { status: gw.status, [gateway.name]: gw } : { status: 'ok', none: 'not a gateway node' },
        ingest: {
          status: worst(events.status, recently(ctx, factsheetLoss) ? 'degraded' : 'ok'),
          problem: events.why ?? (recently(ctx, factsheetLoss) ? 'factsheets refused by the database in the last 10 minutes' : null),
          eventsWritten: ing.events.written,
          eventsBuffered: ing.events.buffered,
          eventsDropped: ing.events.dropped,
          eventsRejected: ing.events.rejected,
          eventBatchFailures: ing.events.failures,
          factsheets: ing.factsheets,
          lastError: ing.events.lastError,
          lastRejection: ing.events.lastRejection,
          eventBatchCommitP50Ms: ms2(percentile(ing.events.recentCommitMs, 50)),
          eventBatchCommitP99Ms: ms2(percentile(ing.events.recentCommitMs, 99)),
        },
      };
    },
    async stop() {
      factsheets.stop();
      relay?.stop();
      busOutbound?.stop();
      await step('gateway', () => gateway.stop());
      if (deps.afterGateway) await deps.afterGateway();
      await step('ingest flush', () => ingest.stop());
      admission.stop();
      store.stop();
      await step('bus', () => bus.close());
    },
  } satisfies Module & Record<string, unknown>;
}

export type TelemetryModule = Awaited<ReturnType<typeof composeTelemetry>>;
