// GET /metrics in the Prometheus text format (prom-client): the data-flow edges' counters (messages, bytes,
// errors, drops), window rates, latency histograms and backlogs, the fleet (fleet-metrics.ts), plus Node's process
// metrics. Figures are read from the flow recorder and the app's readers at scrape time; nothing is observed twice
// on the hot path.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import { LATENCY_BOUNDS_MS, percentileOf } from '../../domain/flow/latency-buckets';
import type { EdgeFigures } from '../../domain/flow/edge-window';
import type { EdgeEntry, FlowRecorder } from '../../services/flow/flow-recorder';
import { type FleetMetricsDeps, fleetMetrics } from './fleet-metrics';

type Sample = { labels: Record<string, string | number>; value: number; metricName?: string };
type Read = { e: EdgeEntry; f: EdgeFigures }[];

export interface MetricsEndpoint {
  handles(req: IncomingMessage): boolean;
  serve(res: ServerResponse): Promise<void>;
  text(): Promise<string>;
}

/** A metric computed at scrape time from one read of every edge. */
function scraped(name: string, help: string, type: 'counter' | 'gauge' | 'histogram', read: () => Read, values: (edges: Read) => Sample[]) {
  return {
    name,
    help,
    type,
    aggregator: 'sum' as const,
    get: async () => ({ name, help, type, aggregator: 'sum' as const, values: values(read()) }),
  };
}

const labels = (e: EdgeEntry) => ({ source: e.source, target: e.target });

/** The process behind this endpoint, for a site that runs several. */
export interface NodeMetricsFacts {
  id: string;
  bus: string;
  isLeader(): boolean;
}

export function createMetricsEndpoint(
  deps: { recorder: FlowRecorder | null; node?: NodeMetricsFacts } & FleetMetricsDeps,
): MetricsEndpoint {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'fleetscope_' });
  const node = deps.node;
  if (node)
    // An info metric (value 1) rather than a node label on every series: join on it, the series stay as they were.
    registry.registerMetric(
      new Gauge({
        name: 'fleetscope_node_info',
        help: 'This process: its NODE_ID, its bus, and whether it holds the leader lease (runs the singletons) now',
        labelNames: ['node', 'bus', 'leader'],
        registers: [],
        collect() {
          this.reset();
          this.set({ node: node.id, bus: node.bus, leader: node.isLeader() ? 'true' : 'false' }, 1);
        },
      }),
    );
  const rec = deps.recorder;
  if (rec) {
    // One read per scrape, shared by every metric of that scrape.
    let cache: { at: number; read: Read } | null = null;
    const read = (): Read => {
      const now = rec.wallNow();
      if (!cache || now - cache.at > 100) cache = { at: now, read: rec.edges().map((e) => ({ e, f: e.window.read(now, percentileOf) })) };
      return cache.read;
    };
    const each = (pick: (x: Read[number]) => number | null) => (edges: Read) =>
      edges.flatMap((x) => {
        const v = pick(x);
        return v === null ? [] : [{ labels: labels(x.e), value: v }];
      });
    const metrics = [
      scraped(
        'fleetscope_edge_messages_total',
        'Messages that crossed a data-flow edge since start',
        'counter',
        read,
        each(({ f }) => f.totals.messages),
      ),
      scraped(
        'fleetscope_edge_bytes_total',
        'Bytes that crossed a data-flow edge since start (where measured)',
        'counter',
        read,
        each(({ f }) => f.totals.bytes),
      ),
      scraped(
        'fleetscope_edge_errors_total',
        'Messages rejected or failed on a data-flow edge since start',
        'counter',
        read,
        each(({ f }) => f.totals.errors),
      ),
      scraped(
        'fleetscope_edge_drops_total',
        'Messages lost on a data-flow edge since start (e.g. VDA 5050 header gaps)',
        'counter',
        read,
        each(({ f }) => f.totals.drops),
      ),
      scraped(
        'fleetscope_edge_messages_per_second',
        'Messages per second over the sliding window',
        'gauge',
        read,
        each(({ f }) => f.msgsPerSec),
      ),
      scraped(
        'fleetscope_edge_latency_p50_seconds',
        'Median latency over the sliding window',
        'gauge',
        read,
        each(({ f }) => (f.p50Ms === null ? null : f.p50Ms / 1000)),
      ),
      scraped(
        'fleetscope_edge_latency_p99_seconds',
        '99th percentile latency over the sliding window',
        'gauge',
        read,
        each(({ f }) => (f.p99Ms === null ? null : f.p99Ms / 1000)),
      ),
      scraped(
        'fleetscope_edge_backlog',
        'Messages waiting on a data-flow edge (buffered rows, pending writes)',
        'gauge',
        read,
        each(({ e }) => (e.backlog ? e.backlog() : null)),
      ),
      scraped(
        'fleetscope_edge_latency_seconds',
        'Latency of a data-flow edge since start (what it measures depends on the edge; see /flow)',
        'histogram',
        read,
        (edges) =>
          edges.flatMap(({ e, f }) => {
            if (f.totals.latencyCount === 0) return [];
            let cumulative = 0;
            const buckets = LATENCY_BOUNDS_MS.map((le, i) => {
              cumulative += f.totals.histogram[i]!;
              return { metricName: 'fleetscope_edge_latency_seconds_bucket', labels: { ...labels(e), le: le / 1000 }, value: cumulative };
            });
            return [
              ...buckets,
              { metricName: 'fleetscope_edge_latency_seconds_bucket', labels: { ...labels(e), le: '+Inf' }, value: f.totals.latencyCount },
              { metricName: 'fleetscope_edge_latency_seconds_sum', labels: labels(e), value: f.totals.latencySumMs / 1000 },
              { metricName: 'fleetscope_edge_latency_seconds_count', labels: labels(e), value: f.totals.latencyCount },
            ];
          }),
      ),
    ];
    // prom-client accepts any object with name/help/type/get(); these read the recorder instead of observing.
    for (const m of metrics) registry.registerMetric(m as unknown as Parameters<Registry['registerMetric']>[0]);
  }
  for (const m of fleetMetrics(deps)) registry.registerMetric(m as unknown as Parameters<Registry['registerMetric']>[0]);
  return {
    handles: (req) => req.method === 'GET' && (req.url === '/metrics' || req.url?.startsWith('/metrics?') === true),
    text: () => registry.metrics(),
    async serve(res) {
      try {
        const body = await registry.metrics();
        res.writeHead(200, { 'content-type': registry.contentType });
        res.end(body);
      } catch (err) {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(`metrics failed: ${(err as Error).message}\n`);
      }
    },
  };
}
