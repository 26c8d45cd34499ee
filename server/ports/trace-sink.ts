// Where traced work reports its hops. The telemetry path uses it through the flow recorder; the command path
// (click → tRPC → ledger → dispatcher → MQTT → robot acknowledgement) starts a trace with kind 'command'
// (always sampled) and adds one hop per stage with the same context.
import type { Hop, HopInput, TraceContext, TraceKind } from '../domain/flow/hop';

export interface TraceSink {
  /** Epoch ms with sub-millisecond precision, on the same clock as every other hop. */
  now(): number;
  /** A new trace context; pass `traceId` to continue one that started elsewhere (e.g. a W3C traceparent). */
  start(init: { kind: TraceKind; robotId: number | null; subject: string; traceId?: string }): TraceContext;
  hop(ctx: TraceContext, hop: HopInput): void;
}

/** A consumer of recorded hops (the in-memory ring, the Postgres writer, the OTLP exporter). */
export interface HopSink {
  write(hop: Hop): void;
}
