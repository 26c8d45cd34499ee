// Wires the data-flow tracing from configuration: the recorder (edge meters, sampling), the in-memory trace
// ring, the Postgres hop writer, the OTLP exporter when OTEL_EXPORTER_OTLP_ENDPOINT is set, table statistics
// and the details of each node. server/app.ts calls this once and hands the recorder to each stage.
import type { Db } from '../db/client';
import type { AppConfig } from './config';
import { nodeId } from './domain/flow/topology';
import { SUBJECTS } from './domain/telemetry';
import { ROBOT_TOPICS } from './domain/vda5050/messages';
import { PROTOCOL_SUBJECTS } from './domain/vda5050/protocol-events';
import { ROBOT_EVENT_SUBJECT } from './workers/fleet-state';
import { HISTORY_FLOW } from './workers/history-tracing';
import type { Logger } from './ports/logger';
import { createTraceStore } from './adapters/storage/trace-store';
import { createOtlpHopExporter, type OtlpHopExporter } from './adapters/tracing/otlp-exporter';
import type { Clock } from './ports/clock';
import type { FlowReader } from './ports/flow-reader';
import { createFlowReader } from './services/flow/flow-reader';
import type { ClusterMember } from './domain/cluster/node-figures';
import { createFlowRecorder, type FlowRecorder } from './services/flow/flow-recorder';
import { createTableStatsCache } from './services/flow/table-stats-cache';
import { createTraceRing, type TraceRing } from './services/flow/trace-ring';
import { createTraceWriter, type TraceWriter } from './workers/trace-writer';

export interface FlowTracing {
  recorder: FlowRecorder;
  ring: TraceRing;
  reader: FlowReader;
  writer: TraceWriter;
  otlp: OtlpHopExporter | null;
  /** Node details that need the running stages (called once they exist). */
  describe(stages: FlowStages): void;
  /** An order or instantActions message sent to a robot (`manufacturer/serial`), for the command edges. */
  outbound(robot: string, topic: string, size: number): void;
  /** The command ledger wrote a status change (ledger → commands table). */
  commandWritten(): void;
  /** The dispatcher handed a command to the gateway. */
  commandDispatched(): void;
  stop(): Promise<void>;
}

/** Read-only figures of the running stages, for node details. */
export interface FlowStages {
  gateway: () => { received: number; accepted: number; invalid: number; connected: boolean };
  ingest: () => { eventsWritten: number; eventsBuffered: number };
  /** The history writer (HistoryWriter.stats()): its node's details, its table edge's backlog and drops. */
  history: () => { samples: number; slicesWritten: number; openSlices: number; bufferedSlices: number; dropped: number };
  fanout: (() => { viewers: number; framesSent: number; tickMs: number }) | null;
  robotsOf: (manufacturer: string) => number;
  robotCount: () => number;
}

const TABLES = ['telemetry_slices', 'robot_events', 'trace_hops', 'commands'] as const;
const COMMAND_TOPICS = ['order', 'instantActions'] as const;

/**
 * Edges the wiring guarantees, declared up front so the graph (and the README check) does not depend on which
 * messages happened to flow yet: who publishes which bus subject, and each robot group's topics both ways.
 */
function declareKnownEdges(rec: FlowRecorder): void {
  const gw = nodeId.gateway('vda5050-mqtt');
  const publishes: [string, string[]][] = [
    [gw, [...Object.values(SUBJECTS), PROTOCOL_SUBJECTS.delivery]],
    [nodeId.worker('fleet-state'), [ROBOT_EVENT_SUBJECT]],
    // Timeline events (history's event recorder) publish only when something changes: declared, not waited for.
    [nodeId.worker('event-recorder'), [ROBOT_EVENT_SUBJECT]],
    [nodeId.worker('robot-protocol'), [PROTOCOL_SUBJECTS.action, PROTOCOL_SUBJECTS.order]],
    [nodeId.worker('robot-liveness'), [PROTOCOL_SUBJECTS.liveness]],
  ];
  for (const [source, subjects] of publishes)
    for (const s of subjects) rec.edge(source, nodeId.subject(s), 'time from the message reaching the app to its bus publish');
  for (const t of ROBOT_TOPICS) rec.edge(nodeId.topic(t), gw, 'schema validation time');
  // Slices are written when they close (up to SLICE_SPAN_MS after their first sample): declared before the first.
  rec.edge(HISTORY_FLOW.worker, HISTORY_FLOW.table, HISTORY_FLOW.latencyMeans);
  for (const t of COMMAND_TOPICS) rec.edge(gw, nodeId.topic(t), 'not measured (commands are traced hop by hop)');
  rec.onNode((id) => {
    if (!id.startsWith('robots:')) return;
    for (const t of ROBOT_TOPICS) rec.edge(id, nodeId.topic(t), 'robot header timestamp → arrival at the gateway (MQTT transit)');
    for (const t of COMMAND_TOPICS) rec.edge(nodeId.topic(t), id, 'not measured (commands are traced hop by hop)');
  });
}

export function createFlowTracing(
  config: AppConfig,
  deps: { db: Db; clock: Clock; logger: Logger; cluster?: () => ClusterMember[] },
): FlowTracing | null {
  if (!config.TRACE_ENABLED) return null;
  const log = deps.logger.child({ component: 'flow' });
  const recorder = createFlowRecorder({ sampleRate: config.TRACE_SAMPLE_RATE });
  const ring = createTraceRing(config.TRACE_RING_TRACES);
  const writer = createTraceWriter(
    { store: createTraceStore(deps.db), clock: deps.clock, logger: deps.logger },
    { retentionHours: config.TRACE_RETENTION_HOURS },
  );
  recorder.addSink(ring);
  recorder.addSink(writer);
  const otlp = config.OTEL_EXPORTER_OTLP_ENDPOINT
    ? createOtlpHopExporter({ endpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT, serviceName: config.OTEL_SERVICE_NAME })
    : null;
  if (otlp) {
    recorder.addSink(otlp);
    log.info({ endpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT }, 'exporting traces over OTLP/HTTP');
  }
  const stats = createTableStatsCache({
    db: deps.db,
    tables: TABLES,
    onError: (err) => log.warn({ err: err.message }, 'table statistics failed'),
  });
  void stats.refresh();
  void writer.pruneNow();

  for (const t of [...ROBOT_TOPICS, ...COMMAND_TOPICS]) recorder.node(nodeId.topic(t), `${config.VDA_INTERFACE}/+/+/+/${t}`); // v2 and v3 robots alike
  declareKnownEdges(recorder);
  const writeRate = (table: string) => {
    const e = recorder.edges().find((x) => x.target === nodeId.table(table));
    const f = e?.window.read(recorder.wallNow(), () => Number.NaN);
    return { perSec: f ? Math.round(f.msgsPerSec * 10) / 10 : 0, bytesPerSec: f ? Math.round(f.bytesPerSec) : 0 };
  };
  const sizeOf = (table: string) => {
    const s = stats.get(table);
    return { rows: s?.rows ?? null, sizeBytes: s?.sizeBytes ?? null, statsAt: s?.at ?? null };
  };
  const tableNode = (table: string, retention: string) => () => ({ ...sizeOf(table), writeRowsPerSec: writeRate(table).perSec, retention });
  // A row of telemetry_slices packs a robot's samples of up to SLICE_SPAN_MS: its edge counts samples and packed bytes.
  recorder.node(HISTORY_FLOW.table, 'telemetry_slices', () => {
    const w = writeRate('telemetry_slices');
    return {
      ...sizeOf('telemetry_slices'),
      writeSamplesPerSec: w.perSec,
      writeBytesPerSec: w.bytesPerSec,
      retention: `${config.SAMPLE_RETENTION_HOURS} h every sample, ${config.HISTORY_RETENTION_DAYS} d one per second`,
    };
  });
  recorder.node(nodeId.table('robot_events'), 'robot_events', tableNode('robot_events', 'kept'));
  recorder.node(nodeId.table('trace_hops'), 'trace_hops', tableNode('trace_hops', `${config.TRACE_RETENTION_HOURS} h`));
  recorder.node(nodeId.table('commands'), 'commands', tableNode('commands', 'kept (the ledger)'));
  recorder.node(nodeId.worker('command-ledger'), 'command ledger');
  recorder.node(nodeId.worker('command-dispatcher'), 'command dispatcher');
  const ledgerEdge = recorder.edge(
    nodeId.worker('command-ledger'),
    nodeId.table('commands'),
    'not measured (one status change per message)',
  );
  const dispatchEdge = recorder.edge(
    nodeId.worker('command-dispatcher'),
    nodeId.gateway('vda5050-mqtt'),
    'not measured (commands are traced hop by hop)',
  );
  // The tracer's own writes, so its cost is on the graph too.
  const hopsEdge = recorder.edge(nodeId.worker('flow-tracer'), nodeId.table('trace_hops'), 'batch commit time (one observation per batch)');
  let hopsWritten = 0;
  let hopsLost = 0;
  recorder.describeEdge(nodeId.worker('flow-tracer'), nodeId.table('trace_hops'), { backlog: () => writer.stats().buffered });
  const hopsTimer = setInterval(() => {
    const s = writer.stats();
    if (s.written > hopsWritten) hopsEdge.record(recorder.wallNow(), s.written - hopsWritten, 0, Number.NaN);
    hopsWritten = s.written;
    // Hops refused by the database or dropped at the buffer cap: drops on the edge (fleetscope_edge_drops_total).
    if (s.rejected + s.dropped > hopsLost) hopsEdge.drop(recorder.wallNow(), s.rejected + s.dropped - hopsLost);
    hopsLost = s.rejected + s.dropped;
  }, 1000);
  hopsTimer.unref();
  let historyTimer: ReturnType<typeof setInterval> | undefined;
  recorder.node(nodeId.worker('flow-tracer'), 'flow tracer', () => ({
    sampleRate: config.TRACE_SAMPLE_RATE,
    tracesInMemory: ring.size(),
    hopsBuffered: writer.stats().buffered,
    otlp: otlp ? 'on' : 'off',
  }));

  return {
    recorder,
    ring,
    writer,
    otlp,
    reader: createFlowReader({
      recorder,
      ring,
      db: deps.db,
      thresholds: { slowMs: config.TRACE_SLOW_MS, errorShare: 0.01 },
      cluster: deps.cluster,
    }),
    describe(s) {
      recorder.node(nodeId.gateway('vda5050-mqtt'), 'VDA 5050 gateway', () => ({
        ...s.gateway(),
        connected: s.gateway().connected ? 'yes' : 'no',
      }));
      recorder.node(nodeId.worker('ingest'), 'ingest worker', s.ingest);
      recorder.node(HISTORY_FLOW.worker, 'history writer', () => {
        const h = s.history();
        return {
          samples: h.samples,
          slicesWritten: h.slicesWritten,
          openSlices: h.openSlices,
          bufferedSlices: h.bufferedSlices,
          dropped: h.dropped,
        };
      });
      // Closed slices waiting for the database are the edge's backlog; samples the writer dropped are its drops.
      recorder.describeEdge(HISTORY_FLOW.worker, HISTORY_FLOW.table, { backlog: () => s.history().bufferedSlices });
      const historyEdge = recorder.edge(HISTORY_FLOW.worker, HISTORY_FLOW.table);
      let historyDropped = s.history().dropped;
      historyTimer = setInterval(() => {
        const d = s.history().dropped;
        if (d > historyDropped) historyEdge.drop(recorder.wallNow(), d - historyDropped);
        historyDropped = d;
      }, 1000);
      historyTimer.unref();
      recorder.node(nodeId.worker('fleet-state'), 'state store', () => ({ robots: s.robotCount() }));
      let last = { at: recorder.wallNow(), frames: 0 };
      if (s.fanout) {
        const fanout = s.fanout;
        recorder.node(nodeId.fanout, 'live fan-out (Socket.IO)', () => {
          const f = fanout();
          const now = recorder.wallNow();
          const fps = now > last.at ? ((f.framesSent - last.frames) * 1000) / (now - last.at) : 0;
          if (now - last.at >= 1000) last = { at: now, frames: f.framesSent };
          return { viewers: f.viewers, framesPerSec: Math.round(fps * 10) / 10, tickMs: f.tickMs };
        });
        recorder.node(nodeId.viewers, 'browsers', () => ({ connected: fanout().viewers }));
      }
      recorder.onNode((id) => {
        if (!id.startsWith('robots:')) return;
        const manufacturer = id.slice('robots:'.length);
        recorder.node(id, `${manufacturer} robots`, () => ({ robots: s.robotsOf(manufacturer) }));
      });
    },
    commandWritten: () => ledgerEdge.record(recorder.wallNow(), 1, 0, Number.NaN),
    commandDispatched: () => dispatchEdge.record(recorder.wallNow(), 1, 0, Number.NaN),
    outbound(robot, topic, size) {
      const wall = recorder.wallNow();
      recorder.edge(nodeId.gateway('vda5050-mqtt'), nodeId.topic(topic)).record(wall, 1, size, Number.NaN);
      recorder.edge(nodeId.topic(topic), nodeId.robots(robot.slice(0, robot.indexOf('/')))).record(wall, 1, size, Number.NaN);
    },
    async stop() {
      clearInterval(hopsTimer);
      clearInterval(historyTimer);
      stats.stop();
      await writer.stop();
      await otlp?.stop();
    },
  };
}
