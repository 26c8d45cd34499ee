// Signing an alert webhook and checking a signature, as a receiver does (docs/alerts.md shows the same steps).
// The signature covers `${timestamp}.${rawBody}` (signedText), so a receiver that also checks the timestamp's age
// refuses a captured request replayed later; the delivery id in the body lets it drop an honest repeat.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { signedText } from '../../domain/alerts/webhook-body';

const PREFIX = 'sha256=';

/** `sha256=<hex HMAC-SHA256(secret, timestamp + "." + rawBody)>`: the x-fleetscope-signature header's value. */
export function signWebhook(secret: string, timestamp: string, rawBody: string): string {
  return PREFIX + createHmac('sha256', secret).update(signedText(timestamp, rawBody)).digest('hex');
}

export interface WebhookToVerify {
  secret: string;
  /** The body exactly as received (before any JSON parsing). */
  rawBody: string;
  /** The x-fleetscope-timestamp header. */
  timestamp: string | null | undefined;
  /** The x-fleetscope-signature header. */
  signature: string | null | undefined;
  /** Epoch ms now; defaults to Date.now(). */
  now?: number;
  /** How far the timestamp may be from now; default 5 minutes. */
  toleranceMs?: number;
}

export type WebhookVerdict = { ok: true } | { ok: false; reason: 'missing' | 'malformed' | 'stale' | 'mismatch' };

/** Checks a received webhook in constant time over the signature. */
export function verifyWebhook(w: WebhookToVerify): WebhookVerdict {
  if (!w.timestamp || !w.signature) return { ok: false, reason: 'missing' };
  if (!/^\d{1,16}$/.test(w.timestamp) || !/^sha256=[0-9a-f]{64}$/.test(w.signature)) return { ok: false, reason: 'malformed' };
  const age = Math.abs((w.now ?? Date.now()) - Number(w.timestamp));
  if (age > (w.toleranceMs ?? 5 * 60_000)) return { ok: false, reason: 'stale' };
  const expected = Buffer.from(signWebhook(w.secret, w.timestamp, w.rawBody));
  const given = Buffer.from(w.signature);
  return expected.length === given.length && timingSafeEqual(expected, given) ? { ok: true } : { ok: false, reason: 'mismatch' };
}
