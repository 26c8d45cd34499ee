// Commands and the master-control side of VDA 5050: the outbound writer and commander (orders and instant
// actions through the gateway's publish), the robot protocol and liveness workers, factsheet requests, and the
// command ledger with its dispatcher. How a command travels: ledger (records it) → dispatch port (the dispatcher
// plans and marks it dispatched) → commander → gateway.publish → the robot; its state comes back on the bus.
// The dispatcher takes over the open commands here, so createApp must start the gateway only after this module.
import type { Db } from '../../db/client';
import { adoptCommands, lastRecordedActivity, openCommands, orphanedCommands } from '../../db/queries/commands';
import type { AppConfig } from '../config';
import { createVda5050Commander } from '../adapters/gateways/vda5050-mqtt/commander';
import type { DeliveryLink, RetryPolicy } from '../adapters/gateways/vda5050-mqtt/delivery-tracker';
import type { Vda5050Gateway } from '../adapters/gateways/vda5050-mqtt/gateway';
import { createOutboundWriter } from '../adapters/gateways/vda5050-mqtt/outbound';
import { traceCommander } from '../adapters/gateways/vda5050-mqtt/traced-commander';
import { createRoutePlanner } from '../domain/route-planner';
import type { WarehouseMap } from '../domain/warehouse-map';
import type { FlowTracing } from '../flow-wiring';
import type { SchemaValidator } from '../protocol/schema-validator';
import type { Clock } from '../ports/clock';
import type { Logger } from '../ports/logger';
import type { MessageBus } from '../ports/message-bus';
import { createCommandBook } from '../services/command-book';
import { createCommandLedger } from '../services/command-ledger';
import { createCommandMetrics } from '../services/command-metrics';
import { createCommandTracing } from '../services/command-tracing';
import { createRobotProtocolReader } from '../services/robot-protocol-reader';
import { createProtocolRelay } from '../services/cluster/protocol-relay';
import type { Ownership } from '../domain/cluster/robot-owner';
import { runWhileLeader } from '../services/cluster/while-leader';
import { createCommandAdoption } from '../workers/command-adoption';
import { createCommandDispatcher, type DispatcherOptions } from '../workers/command-dispatcher';
import { createFactsheetRequester } from '../workers/factsheet-requester';
import type { FleetStateStore } from '../workers/fleet-state';
import type { FactsheetBook } from '../workers/robot-factsheets';
import type { LivenessOptions } from '../workers/robot-liveness';
import type { LeaderLease } from '../ports/leader-lease';
import { composeLiveness } from './liveness';
import { createRobotProtocolWorker } from '../workers/robot-protocol';
import { commandsStatus } from './commands-status';
import { shutdownStep, type HealthContext, type Module } from './module';

/** Tuning of the master-control side; tests shorten the waits. */
export interface ProtocolOptions {
  liveness?: LivenessOptions;
  retry?: Partial<RetryPolicy>;
  factsheetGraceMs?: number;
  dispatcher?: Partial<DispatcherOptions>;
}

export async function composeCommands(
  config: AppConfig,
  deps: {
    db: Db;
    clock: Clock;
    logger: Logger;
    map: WarehouseMap;
    bus: MessageBus;
    store: FleetStateStore;
    factsheets: FactsheetBook;
    gateway: Vda5050Gateway;
    /** How messages leave for the robots: this node's gateway, or the bus to the gateways (composeTelemetry). */
    outbound: { publish(robotId: number, topic: string, payload: string): void; link: DeliveryLink };
    validator: SchemaValidator;
    flow: FlowTracing | null;
    /** Who runs the singletons (composition/lease.ts). */
    lease: LeaderLease;
    /** The processes alive on the bus now (composition/cluster.ts), this one included. */
    liveNodes: () => readonly string[];
    /** With a shared bus: the untraced bus and which robots this node's gateway owns (composition/cluster.ts). */
    cluster?: { bus: MessageBus; ownership: Ownership | null } | null;
    options?: ProtocolOptions;
  },
) {
  const { db, clock, logger, bus, store, factsheets, gateway, flow } = deps;
  const writer = createOutboundWriter({
    iface: config.VDA_INTERFACE,
    validator: deps.validator,
    clock,
    publish: deps.outbound.publish,
    onSent: (robot, m) => {
      gateway.monitor.recordOutbound(robot, m);
      flow?.outbound(robot, m.topic, m.size);
    },
  });
  // Traced: every order/instantActions message gets a command trace up to the robot's acknowledgement.
  const commander = traceCommander(
    createVda5050Commander({ writer, robots: store, factsheets, bus, clock, logger, retry: deps.options?.retry, link: deps.outbound.link }),
    flow?.recorder,
    (id) => store.get(id)?.manufacturer,
  );
  const robotProtocol = createRobotProtocolWorker({ bus, clock });
  const liveness = composeLiveness(config, { bus, clock, store, lease: deps.lease, options: deps.options?.liveness });
  const factsheetRequester = createFactsheetRequester({ bus, factsheets, commander, logger, graceMs: deps.options?.factsheetGraceMs });
  // In a cluster the gateways share their protocol books over the bus: stats every second, messages and verdicts
  // when asked (services/cluster/protocol-relay.ts). Alone, this node's book has every robot.
  const ownership = deps.cluster?.ownership ?? null;
  const protocolRelay = deps.cluster
    ? createProtocolRelay({
        bus: deps.cluster.bus,
        node: config.NODE_ID,
        clock,
        logger,
        book: config.NODE_ROLES.gateway ? gateway.monitor : null,
        owns: (key) => config.NODE_ROLES.gateway && (ownership?.owns(key) ?? true),
        others: () => deps.liveNodes().some((n) => n !== config.NODE_ID),
      })
    : null;
  const protocol = createRobotProtocolReader({ fleet: store, book: gateway.monitor, factsheets, remote: protocolRelay });
  // This node's book alone, as before the relay: for the event recorder, which runs on every node and must record a
  // robot's protocol trouble once, on its gateway's node, not once per node from the mirror.
  const ownProtocol = protocolRelay ? createRobotProtocolReader({ fleet: store, book: gateway.monitor, factsheets }) : protocol;

  const planner = createRoutePlanner(deps.map);
  const book = createCommandBook({ db, clock, logger });
  const tracing = createCommandTracing(flow?.recorder, (id) => store.get(id)?.manufacturer);
  book.onChange((c) => {
    tracing.final(c);
    flow?.commandWritten();
    if (c.status === 'dispatched') flow?.commandDispatched();
  });
  const dispatcher = createCommandDispatcher({
    book,
    bus,
    commander,
    tracing,
    fleet: store,
    factsheets,
    planner,
    clock,
    logger,
    options: deps.options?.dispatcher,
  });
  // Alone, this process takes every open command over at start. In a cluster (a shared bus) only its own: the
  // leader adopts those of a process that is gone (workers/command-adoption.ts).
  const clustered = Boolean(config.BUS_URL);
  const open = await openCommands(db, clustered ? config.NODE_ID : undefined);
  dispatcher.resume(open, { lastActivityAt: await lastRecordedActivity(db) });
  dispatcher.start();
  const adoption = clustered
    ? runWhileLeader(deps.lease, () =>
        createCommandAdoption({
          self: config.NODE_ID,
          liveNodes: deps.liveNodes,
          orphans: (live) => orphanedCommands(db, live),
          adopt: (ids, from, to) => adoptCommands(db, ids, from, to),
          onAdopted: (commands) => dispatcher.adopt(commands),
          logger,
        }),
      )
    : null;
  const ledger = createCommandLedger({ db, book, dispatcher, fleet: store, factsheets, planner, clock, tracing, node: config.NODE_ID });
  // Counted from here, before the gateway starts: commands resumed after a restart that finish at once count too.
  const metrics = createCommandMetrics({ ledger });
  const step = shutdownStep(logger);
  let quiescing: Promise<void> | null = null;
  const quiesce = () =>
    (quiescing ??= (async () => {
      await adoption?.stop();
      await step('command dispatcher', () => dispatcher.stop());
    })());

  return {
    commander,
    /** Writes any master-control message (zone traffic control sends zoneSet and responses through it too). */
    writer,
    /** The command ledger (commands.*). */
    ledger,
    /** Each command's final status and durations, for /metrics. */
    metrics,
    tracing,
    protocol,
    ownProtocol,
    liveness,
    health(ctx: HealthContext) {
      const gw = gateway.health();
      const cmd = book.stats();
      const status = commandsStatus({ database: ctx.database.status, gatewayConnected: gw.connected, ...cmd });
      return {
        commands: { status, ...cmd, ...dispatcher.stats(), ...(adoption && { adoption: adoption.current()?.stats() ?? null }) },
        commander: {
          status: gw.connected ? 'ok' : 'degraded',
          gatewayConnected: gw.connected,
          ...commander.stats(),
          factsheetRequests: factsheetRequester.stats().requested,
          ...robotProtocol.stats(),
          ...(protocolRelay && { protocolRelay: protocolRelay.counts() }),
        },
      };
    },
    quiesce,
    async stop() {
      await quiesce();
      factsheetRequester.stop();
      liveness.stop();
      commander.stop();
      robotProtocol.stop();
      protocolRelay?.stop();
      metrics.stop();
    },
  } satisfies Module & Record<string, unknown>;
}

export type CommandsModule = Awaited<ReturnType<typeof composeCommands>>;
