// OTLP/HTTP export: with OTEL_EXPORTER_OTLP_ENDPOINT pointing at a loopback receiver, the hops of sampled
// messages arrive as spans with the same trace and span ids, the robot's publish as the root.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../app';
import { testConfig, testLogger, waitFor } from '../../testing/test-env';

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes: { key: string; value: Record<string, unknown> }[];
}
interface OtlpBody {
  resourceSpans: { resource: { attributes: { key: string; value: { stringValue?: string } }[] }; scopeSpans: { spans: OtlpSpan[] }[] }[];
}

let app: App;
let cleanup: () => Promise<void>;
let receiver: http.Server;
const bodies: OtlpBody[] = [];
const paths: string[] = [];

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      paths.push(`${req.method} ${req.url} ${req.headers['content-type']}`);
      bodies.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as OtlpBody);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
  const endpoint = `http://127.0.0.1:${(receiver.address() as { port: number }).port}`;
  const t = await testConfig({
    SIM_ROBOTS: '1',
    SIM_HZ: '5',
    TRACE_SAMPLE_RATE: '1',
    OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
    OTEL_SERVICE_NAME: 'fleetscope-test',
  });
  cleanup = t.cleanup;
  app = await createApp(t.config, { logger: testLogger });
});

afterAll(async () => {
  await app?.stop();
  await new Promise((r) => receiver?.close(r));
  await cleanup?.();
});

describe('OTLP/HTTP export', () => {
  it('a loopback receiver gets the spans of sampled messages, parented to the robot publish', async () => {
    await app.sim!.ready;
    await new Promise((r) => setTimeout(r, 1500));
    await app.flow!.otlp!.flush();
    await waitFor('spans at the receiver', () => bodies.length > 0, 10_000);
    expect(paths[0]).toMatch(/^POST \/v1\/traces application\/json/);
    const spans = bodies.flatMap((b) => b.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans)));
    const service = bodies[0]!.resourceSpans[0]!.resource.attributes.find((a) => a.key === 'service.name')?.value.stringValue;
    expect(service).toBe('fleetscope-test');
    // Pick a visualization trace the app also holds, and compare.
    const summary = (await app.runtime.flow!.search({ limit: 100 })).find(
      (s) => s.subject === 'robot.visualization' && spans.some((x) => x.traceId === s.traceId),
    );
    expect(summary).toBeDefined();
    const hops = (await app.runtime.flow!.traceById(summary!.traceId))!;
    const exported = spans.filter((s) => s.traceId === summary!.traceId);
    const root = exported.find((s) => s.name === 'robot.publish')!;
    expect(root).toBeDefined();
    expect(root.parentSpanId ?? '').toBe('');
    for (const s of exported.filter((x) => x !== root)) expect(s.parentSpanId).toBe(root.spanId);
    // Same span ids as the hops the app stores.
    const hopSpanIds = new Set(hops.map((h) => h.spanId));
    expect(exported.every((s) => hopSpanIds.has(s.spanId))).toBe(true);
    expect(exported.map((s) => s.name)).toEqual(
      expect.arrayContaining(['robot.publish', 'mqtt.deliver', 'gateway.validate', 'bus.publish', 'fleet-state.handle', 'ingest.handle']),
    );
  });
});
