// Envelopes on a networked bus: JSON bytes. The subject travels as the NATS subject, so it is not repeated in the
// body; a body that is not an envelope decodes to null (counted by the caller, never thrown into a handler).
import type { Envelope } from '../../domain/envelope';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function encodeEnvelope(env: Envelope): Uint8Array {
  const { subject: _subject, ...body } = env;
  return encoder.encode(JSON.stringify(body));
}

export function decodeEnvelope(data: Uint8Array, subject: string): Envelope | null {
  let body: unknown;
  try {
    body = JSON.parse(decoder.decode(data));
  } catch {
    return null;
  }
  if (typeof body !== 'object' || body === null) return null;
  const b = body as Record<string, unknown>;
  if (typeof b.id !== 'string' || typeof b.source !== 'string' || typeof b.traceId !== 'string') return null;
  if (typeof b.producedAt !== 'number' || typeof b.receivedAt !== 'number') return null;
  return {
    id: b.id,
    subject,
    source: b.source,
    producedAt: b.producedAt,
    receivedAt: b.receivedAt,
    traceId: b.traceId,
    parentSpanId: typeof b.parentSpanId === 'string' ? b.parentSpanId : null,
    sampled: b.sampled === true,
    payload: b.payload,
  };
}
