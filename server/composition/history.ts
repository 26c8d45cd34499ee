// The history module: the writer that keeps telemetry as compact slices (two tiers) with retention, and the
// readers behind history.* (fleetAt, range, events, robotSeries, why) and the export/import endpoints.
import type { Db } from '../../db/client';
import type { AppConfig } from '../config';
import { createHistoryEventStore } from '../adapters/storage/history-events';
import { createHistoryStore } from '../adapters/storage/history-store';
import { connectReplayPublisher } from '../adapters/mqtt/replay-publisher';
import type { Clock } from '../ports/clock';
import type { FleetReader } from '../ports/fleet-reader';
import type { FlowReader } from '../ports/flow-reader';
import type { HistoryImporter, HistoryReader, IncidentReader } from '../ports/history-reader';
import type { HistoryEventReader, HistoryStore } from '../ports/history-store';
import type { Logger } from '../ports/logger';
import type { MessageBus } from '../ports/message-bus';
import type { RobotProtocolReader } from '../ports/robot-protocol-reader';
import { createHistoryImporter } from '../services/history/history-importer';
import { createHistoryReader } from '../services/history/history-reader';
import { createIncidentReader } from '../services/history/incident-reader';
import { withOpenSlices } from '../services/history/with-open-slices';
import { createEventRecorder, type EventRecorder, type FaultSource } from '../workers/event-recorder';
import { createHistoryWriter, type HistoryWriter } from '../workers/history-writer';
import { traceHistoryWriting } from '../workers/history-tracing';
import type { FlowRecorder } from '../services/flow/flow-recorder';
import { percentile } from '../services/process-metrics';
import { createRecentSlices } from '../services/history/recent-slices';
import { relaySliceStore } from '../services/history/slice-relay';
import { createSliceIngest, type SliceIngest } from '../workers/slice-ingest';
import { shutdownStep, type Module } from './module';

const ms2 = (v: number) => Math.round(v * 100) / 100;

const relayedFigures = (i: SliceIngest) => {
  const s = i.stats();
  return {
    written: s.written,
    buffered: s.buffered,
    failures: s.failures,
    refused: s.refused,
    lastRefusal: s.lastRefusal,
    lastError: s.lastError,
  };
};

export interface HistoryModule extends Module {
  store: HistoryStore;
  events: HistoryEventReader;
  writer: HistoryWriter;
  reader: HistoryReader;
  incidents: IncidentReader;
  /** Replays an export into this app through its broker (POST /api/history/import). */
  importer: HistoryImporter;
  /** Timeline events beyond the state store's: driving, battery, orders, actions, protocol trouble, faults. */
  recorder: EventRecorder;
  /** Stops the writer and writes every open slice: call after the gateway has stopped. */
  flushWriter(): Promise<void>;
}

export function composeHistory(
  config: AppConfig,
  deps: {
    db: Db;
    clock: Clock;
    logger: Logger;
    bus: MessageBus;
    fleet: FleetReader;
    /** Traces for history.why's data-path health; absent or null when tracing is off. */
    flow?: FlowReader | null;
    /** The gateway's protocol counters (invalid messages, headerId gaps) for the event recorder. */
    protocol?: RobotProtocolReader | null;
    /** The simulator's fault book, read lazily (the simulator starts last); absent without a simulator. */
    faults?: () => FaultSource | null;
    /** The broker the importer publishes to, signed in as the app (composeBroker's brokerUrl and appLogin). */
    mqtt?: { url: string; login: { username?: string; password?: string } };
    /** Data-flow metering of the writer (bus → worker:history → table:telemetry_slices); absent when tracing is off. */
    tracer?: FlowRecorder;
    /** Whether this process runs the singletons now (composition/lease.ts); retention runs only then. */
    isLeader?: () => boolean;
  },
): HistoryModule {
  const store = createHistoryStore(deps.db);
  const events = createHistoryEventStore(deps.db);
  // Without the ingest role, a cluster's gateway node hands its slices to the ingest nodes over the bus; an ingest
  // node on a shared bus writes those the others relay (services/history/slice-relay.ts). A web node without a
  // gateway builds a readers' copy of every robot's newest slices and stores none (services/history/recent-slices.ts).
  const roles = config.NODE_ROLES;
  const copies = Boolean(config.BUS_URL) && roles.web && !roles.gateway;
  const relays = Boolean(config.BUS_URL) && roles.gateway && !roles.ingest;
  const recent = copies ? createRecentSlices({ clock: deps.clock }) : null;
  const written: HistoryStore = recent
    ? { ...store, writeSlices: recent.writeSlices }
    : relays
      ? relaySliceStore(store, deps.bus, deps.clock, config.NODE_ID)
      : store;
  // Subscribed on every ingest node, the in-process bus too (where nobody relays): one topology on the flow map.
  const sliceIngest = roles.ingest ? createSliceIngest({ bus: deps.bus, store, clock: deps.clock, logger: deps.logger }) : null;
  const traced = traceHistoryWriting({ bus: deps.bus, store: written }, deps.tracer);
  const writer = createHistoryWriter(
    { bus: traced.bus, store: traced.store, events, fleet: deps.fleet, clock: deps.clock, logger: deps.logger },
    {
      rawRetentionHours: config.SAMPLE_RETENTION_HOURS,
      secondRetentionDays: config.HISTORY_RETENTION_DAYS,
      eventRetentionDays: config.EVENT_RETENTION_DAYS,
      // Retention is a singleton: one process per database deletes old slices, events and zone requests.
      pruneWhen: deps.isLeader,
      delivery: copies ? 'every-node' : 'this-node',
    },
  );
  // A web node that is also a gateway keeps the same readers' copy of the other gateways' robots, beside its own
  // writer: without it the newest ≤ 30 s of half the fleet (stored only when its slices close) was missing from
  // replay and fleetAt there.
  const othersCopy = config.BUS_URL && roles.web && roles.gateway ? readersCopyOfOthers(deps, store, events, config) : null;
  // Readers see the writer's open slices too (the newest ≤ 30 s of each robot is not stored yet).
  const open = [writer, ...(recent ? [recent] : []), ...(othersCopy ? [othersCopy.recent, othersCopy.writer] : [])];
  const readable = withOpenSlices(store, open.length === 1 ? writer : { openSlices: (q) => open.flatMap((o) => o.openSlices(q)) });
  const reader = createHistoryReader({
    store: readable,
    events,
    fleet: deps.fleet,
    clock: deps.clock,
    rawRetentionMs: config.SAMPLE_RETENTION_HOURS * 3600_000,
    iface: config.VDA_INTERFACE,
  });
  const mqtt = deps.mqtt;
  const importer = createHistoryImporter({
    connect: () =>
      mqtt ? connectReplayPublisher({ url: mqtt.url, ...mqtt.login }) : Promise.reject(new Error('no MQTT broker to import into')),
    clock: deps.clock,
    iface: config.VDA_INTERFACE,
  });
  const incidents = createIncidentReader({ history: reader, events, flow: deps.flow ?? null });
  const recorder = createEventRecorder({
    bus: deps.bus,
    clock: deps.clock,
    logger: deps.logger,
    fleet: deps.fleet,
    protocol: deps.protocol,
    faults: deps.faults,
  });
  const step = shutdownStep(deps.logger);
  return {
    store,
    events,
    writer,
    reader,
    incidents,
    importer,
    recorder,
    health: () => {
      const s = writer.stats();
      return {
        history: {
          status: s.lastError ? 'degraded' : 'ok',
          samples: s.samples,
          slicesWritten: s.slicesWritten,
          openSlices: s.openSlices,
          bufferedSlices: s.bufferedSlices,
          dropped: s.dropped,
          invalid: s.invalid,
          lostInSlices: s.lostInSlices,
          batchCommitP50Ms: ms2(percentile(s.recentCommitMs, 50)),
          batchCommitP99Ms: ms2(percentile(s.recentCommitMs, 99)),
          commitMsTotal: Math.round(s.commitMsTotal),
          lastError: s.lastError,
          // Where this node's slices go: the database, or the ingest nodes over the bus.
          slicesTo: relays ? 'bus' : recent ? "none (a readers' copy; the gateways' nodes store them)" : 'database',
          ...(sliceIngest && { relayed: relayedFigures(sliceIngest) }),
          ...(othersCopy && { othersCopy: othersCopy.figures() }),
        },
      };
    },
    // The writer is not stopped here: createApp stops it after the gateway (flushWriter), so nothing the gateway
    // accepts while the modules after it stop is left out of history.
    stop: async () => {
      await recorder.stop();
      await sliceIngest?.stop();
      await othersCopy?.writer.stop();
    },
    flushWriter: () => step('history flush', () => writer.stop()),
  };
}

/**
 * The other gateways' robots' newest slices, built from the bus in memory and never stored (their nodes store
 * them): a second writer with `other-nodes` delivery into a readers' copy (services/history/recent-slices.ts).
 */
function readersCopyOfOthers(
  deps: { bus: MessageBus; fleet: FleetReader; clock: Clock; logger: Logger },
  store: HistoryStore,
  events: Parameters<typeof createHistoryWriter>[0]['events'],
  config: AppConfig,
) {
  const recent = createRecentSlices({ clock: deps.clock });
  const writer = createHistoryWriter(
    {
      bus: deps.bus,
      store: { ...store, writeSlices: recent.writeSlices },
      events,
      fleet: deps.fleet,
      clock: deps.clock,
      logger: deps.logger,
    },
    {
      rawRetentionHours: config.SAMPLE_RETENTION_HOURS,
      secondRetentionDays: config.HISTORY_RETENTION_DAYS,
      eventRetentionDays: config.EVENT_RETENTION_DAYS,
      pruneWhen: () => false,
      delivery: 'other-nodes',
    },
  );
  return {
    recent,
    writer,
    figures: () => {
      const s = writer.stats();
      return { robots: s.robots, samples: s.samples, openSlices: s.openSlices, closedKept: recent.size(), dropped: s.dropped };
    },
  };
}
