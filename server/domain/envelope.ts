// The one envelope every message travels in on the bus (architecture.md, "The data path").
import { randomUUID } from 'node:crypto';

export interface Envelope<T = unknown> {
  id: string;
  /** Bus subject, e.g. `robot.visualization`. */
  subject: string;
  /** Producing component and origin, e.g. `gateway:vda5050-mqtt`. */
  source: string;
  /** Epoch ms when the message was produced (robot header timestamp for telemetry). */
  producedAt: number;
  /** Epoch ms when the app first received it. */
  receivedAt: number;
  /** Trace context; sampling and hops are filled in by the data-flow tracer. */
  traceId: string;
  parentSpanId: string | null;
  /** Decided once at the gateway: every stage records a hop for a sampled envelope (absent = not sampled). */
  sampled?: boolean;
  payload: T;
}

export function newEnvelope<T>(
  init: Omit<Envelope<T>, 'id' | 'traceId' | 'parentSpanId'> & { traceId?: string; parentSpanId?: string | null },
): Envelope<T> {
  return {
    id: randomUUID(),
    traceId: init.traceId ?? randomUUID().replaceAll('-', ''),
    parentSpanId: init.parentSpanId ?? null,
    subject: init.subject,
    source: init.source,
    producedAt: init.producedAt,
    receivedAt: init.receivedAt,
    payload: init.payload,
    // Always present, so every envelope has the same shape (one hidden class on the hot path).
    sampled: init.sampled === true,
  };
}
