// Exports hops as OpenTelemetry spans over OTLP/HTTP (OTEL_EXPORTER_OTLP_ENDPOINT), so the same traces open in
// Jaeger or Grafana Tempo. Span and trace ids are the hops' own (an id generator hands them to the SDK), so a
// trace id from the flow page finds the same trace there; the robot's publish hop is the root span.
import { context as otelContext, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, TraceFlags, type HrTime } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { Hop } from '../../domain/flow/hop';
import type { HopSink } from '../../ports/trace-sink';

export interface OtlpHopExporter extends HopSink {
  flush(): Promise<void>;
  stop(): Promise<void>;
}

/** Root span id per trace, bounded: older traces are forgotten first. */
const MAX_ROOTS = 20_000;

const hr = (ms: number): HrTime => {
  const sec = Math.floor(ms / 1000);
  return [sec, Math.round((ms - sec * 1000) * 1e6)];
};

export function createOtlpHopExporter(o: { endpoint: string; serviceName: string; scheduledDelayMillis?: number }): OtlpHopExporter {
  let nextTraceId = '';
  let nextSpanId = '';
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': o.serviceName }),
    idGenerator: { generateTraceId: () => nextTraceId, generateSpanId: () => nextSpanId },
    spanProcessors: [
      new BatchSpanProcessor(new OTLPTraceExporter({ url: `${o.endpoint.replace(/\/$/, '')}/v1/traces` }), {
        scheduledDelayMillis: o.scheduledDelayMillis ?? 2000,
        maxQueueSize: 8192,
      }),
    ],
  });
  const tracer = provider.getTracer('fleetscope.flow');
  const roots = new Map<string, string>();

  return {
    write(hop: Hop) {
      const root = roots.get(hop.traceId);
      const parent = root
        ? trace.setSpanContext(ROOT_CONTEXT, { traceId: hop.traceId, spanId: root, traceFlags: TraceFlags.SAMPLED, isRemote: false })
        : ROOT_CONTEXT;
      if (!root) {
        roots.set(hop.traceId, hop.spanId);
        if (roots.size > MAX_ROOTS) roots.delete(roots.keys().next().value!);
      }
      nextTraceId = hop.traceId;
      nextSpanId = hop.spanId;
      const span = tracer.startSpan(
        hop.operation,
        {
          kind: hop.operation.startsWith('robot.')
            ? SpanKind.PRODUCER
            : hop.operation.startsWith('browser.')
              ? SpanKind.CLIENT
              : SpanKind.CONSUMER,
          startTime: hr(hop.startMs),
          attributes: {
            'fleetscope.node': hop.node,
            'fleetscope.subject': hop.subject,
            'fleetscope.kind': hop.kind,
            'fleetscope.outcome': hop.outcome,
            'messaging.message.body.size': hop.bytes,
            ...(hop.robotId !== null && { 'fleetscope.robot_id': hop.robotId }),
            ...(hop.detail && { 'fleetscope.detail': hop.detail }),
          },
        },
        parent ?? otelContext.active(),
      );
      if (hop.outcome === 'error') span.setStatus({ code: SpanStatusCode.ERROR, message: hop.detail ?? 'error' });
      span.end(hr(Math.max(hop.endMs, hop.startMs)));
    },
    flush: () => provider.forceFlush(),
    stop: () => provider.shutdown(),
  };
}
