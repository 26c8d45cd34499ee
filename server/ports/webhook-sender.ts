// Posts one webhook: implemented over HTTP in server/adapters/webhooks/http-webhook-sender.ts, which also adds the
// content type, the timestamp and (with a secret) the signature, so the worker never holds the secret.

export interface WebhookSendResult {
  /** True only for a 2xx answer. */
  ok: boolean;
  /** The HTTP status, or null when no answer came (refused, reset, timed out). */
  status: number | null;
  /** Why it failed, short enough for a log line and the admins' delivery list; null when ok. */
  error: string | null;
}

export interface WebhookSender {
  /** `body` is sent byte for byte as given (it is what the signature covers); never throws. */
  send(url: string, body: string, headers: Readonly<Record<string, string>>): Promise<WebhookSendResult>;
}
