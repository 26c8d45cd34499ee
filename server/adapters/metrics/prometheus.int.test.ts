// GET /metrics of a running app (real broker and database) parses as Prometheus text and carries the same
// edge figures as flow.graph.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../app';
import { parsePrometheus } from '../../testing/prometheus-text';
import { testConfig, testLogger } from '../../testing/test-env';
import { createMetricsEndpoint } from './prometheus';

let app: App;
let cleanup: () => Promise<void>;
let server: http.Server;
let base = '';

beforeAll(async () => {
  const t = await testConfig({ SIM_ROBOTS: '3', SIM_HZ: '10', NODE_ID: 'web-1' });
  cleanup = t.cleanup;
  app = await createApp(t.config, { logger: testLogger });
  const metrics = createMetricsEndpoint({ recorder: app.flow!.recorder, node: app.node });
  server = http.createServer((req, res) => (metrics.handles(req) ? void metrics.serve(res) : res.writeHead(404).end()));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(async () => {
  await app?.stop();
  await new Promise((r) => server?.close(r));
  await cleanup?.();
});

describe('GET /metrics', () => {
  it('parses as Prometheus text with the data-flow edges, rates, latency histograms and backlogs', async () => {
    await app.sim!.ready;
    await new Promise((r) => setTimeout(r, 2500));
    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const { types, samples } = parsePrometheus(await res.text());
    expect(types.get('fleetscope_edge_messages_total')).toBe('counter');
    expect(types.get('fleetscope_edge_latency_seconds')).toBe('histogram');
    expect(types.get('fleetscope_edge_backlog')).toBe('gauge');
    const edge = { source: 'robots:SimRobotics', target: 'topic:visualization' };
    const of = (name: string, extra: Record<string, string> = {}) =>
      samples.find((s) => s.name === name && Object.entries({ ...edge, ...extra }).every(([k, v]) => s.labels[k] === v));
    expect(of('fleetscope_edge_messages_total')!.value).toBeGreaterThan(20);
    expect(of('fleetscope_edge_messages_per_second')!.value).toBeGreaterThan(10);
    expect(of('fleetscope_edge_bytes_total')!.value).toBeGreaterThan(1000);
    const count = of('fleetscope_edge_latency_seconds_count')!.value;
    expect(of('fleetscope_edge_latency_seconds_bucket', { le: '+Inf' })!.value).toBe(count);
    // Buckets are cumulative.
    const buckets = samples.filter(
      (s) => s.name === 'fleetscope_edge_latency_seconds_bucket' && s.labels.source === edge.source && s.labels.target === edge.target,
    );
    buckets.slice(1).forEach((b, i) => expect(b.value).toBeGreaterThanOrEqual(buckets[i]!.value));
    expect(samples.some((s) => s.name === 'fleetscope_edge_backlog' && s.labels.target === 'table:telemetry_slices')).toBe(true);
    expect(samples.some((s) => s.name === 'fleetscope_process_cpu_seconds_total')).toBe(true);
  });

  it('names the process that answers, in /metrics and /api/health (several nodes behind one address)', async () => {
    const { samples } = parsePrometheus(await (await fetch(`${base}/metrics`)).text());
    const info = samples.find((s) => s.name === 'fleetscope_node_info');
    expect(info).toMatchObject({ value: 1, labels: { node: 'web-1', bus: app.bus.kind, leader: 'true' } });
    expect(await app.runtime.health()).toMatchObject({ node: 'web-1', components: { leader: { leader: true } } });
  });
});
