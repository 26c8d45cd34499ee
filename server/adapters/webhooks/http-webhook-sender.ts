// The webhook sender on Node's fetch: one POST per call, bounded in time (the whole exchange, body included) and in
// what it reads back. Redirects are not followed: a 3xx is a failed attempt, so a receiver cannot bounce the signed
// alert to another host. Each attempt gets a fresh timestamp and signature (a retry is not a replay).
import { WEBHOOK_HEADERS } from '../../domain/alerts/webhook-body';
import type { WebhookSender, WebhookSendResult } from '../../ports/webhook-sender';
import { signWebhook } from './sign';

export interface HttpWebhookSenderOptions {
  /** ALERT_WEBHOOK_SECRET; without it no signature header is sent. */
  secret?: string;
  /** Default 5 s. */
  timeoutMs?: number;
  /** Epoch ms for the timestamp header; default Date.now. */
  now?: () => number;
}

/** Most bytes of a refusal's body kept for the error text (the rest is never read). */
const ERROR_BODY_BYTES = 256;
const ERROR_CHARS = 300;

export function createHttpWebhookSender(o: HttpWebhookSenderOptions = {}): WebhookSender {
  const timeoutMs = o.timeoutMs ?? 5_000;
  const now = o.now ?? Date.now;
  return {
    async send(url, body, headers) {
      // fetch also reads data: and blob: URLs; a webhook is HTTP only.
      if (!/^https?:\/\//i.test(url)) return failure(null, 'not an http(s) URL');
      const timestamp = String(now());
      const all: Record<string, string> = {
        ...headers,
        'content-type': 'application/json',
        'user-agent': 'fleetscope-alerts',
        [WEBHOOK_HEADERS.timestamp]: timestamp,
      };
      if (o.secret) all[WEBHOOK_HEADERS.signature] = signWebhook(o.secret, timestamp, body);
      try {
        const res = await fetch(url, {
          method: 'POST',
          headers: all,
          body,
          redirect: 'manual',
          signal: AbortSignal.timeout(timeoutMs),
        });
        if (res.status >= 200 && res.status < 300) {
          await res.body?.cancel().catch(() => {});
          return { ok: true, status: res.status, error: null };
        }
        const snippet = await readBounded(res);
        const where = res.status >= 300 && res.status < 400 ? ` (redirect to ${res.headers.get('location') ?? '?'} not followed)` : '';
        return failure(res.status, `HTTP ${res.status}${where}${snippet ? `: ${snippet}` : ''}`);
      } catch (err) {
        return failure(null, errorText(err, timeoutMs));
      }
    },
  };
}

const failure = (status: number | null, error: string): WebhookSendResult => ({
  ok: false,
  status,
  error: oneLine(error).slice(0, ERROR_CHARS),
});

/** The start of a refusal's body, then the stream is cancelled (a huge or endless body costs nothing). */
async function readBounded(res: Response): Promise<string> {
  const reader = res.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < ERROR_BODY_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } catch {
    // A body cut short or timed out: the status says enough.
  } finally {
    await reader.cancel().catch(() => {});
  }
  return oneLine(Buffer.concat(chunks).subarray(0, ERROR_BODY_BYTES).toString('utf8')).trim();
}

/** fetch reports most network errors as TypeError('fetch failed') with the socket's error as the cause. */
function errorText(err: unknown, timeoutMs: number): string {
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) return `no answer within ${timeoutMs} ms`;
  const cause = err instanceof Error ? (err.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  const code = typeof cause?.code === 'string' ? cause.code : null;
  const causeText = typeof cause?.message === 'string' ? cause.message : null;
  const text = err instanceof Error ? err.message : String(err);
  return [code, causeText ?? text].filter(Boolean).join(': ');
}

const oneLine = (s: string) => s.replace(/\p{Cc}+/gu, ' ');
