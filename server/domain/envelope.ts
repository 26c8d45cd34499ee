// The one envelope every message travels in on the bus (architecture.md, "The data path").
import { randomHex } from './random-hex';

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

// Ids for every message on the hot path: a random prefix drawn once per process and a counter, as hex. Unique
// across restarts by the prefix, and a string concatenation per message instead of a crypto call.
const spanPrefix = randomHex(4);
const tracePrefix = randomHex(8);
let seq = 0;
/** 16 hex characters, like a span id. */
const nextSpanId = () => spanPrefix + (++seq).toString(16).padStart(8, '0');
/** 32 hex characters, a W3C trace id. */
const nextTraceId = () => tracePrefix + (++seq).toString(16).padStart(16, '0');

export function newEnvelope<T>(
  init: Omit<Envelope<T>, 'id' | 'traceId' | 'parentSpanId'> & { traceId?: string; parentSpanId?: string | null },
): Envelope<T> {
  return {
    id: nextSpanId(),
    traceId: init.traceId ?? nextTraceId(),
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
