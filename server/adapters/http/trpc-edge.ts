// What the server checks on a tRPC request before tRPC reads a byte of its body: the batch size, the session of a
// mutation (an anonymous POST is refused unread) and the declared body size. Refusals have tRPC's error shape
// (one per call of a batch), so the browser client shows their message like any other error.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { discardRestOfBody } from './linger';

export { MAX_BATCH_CALLS } from '../../domain/api-limits';

/** The procedure paths a tRPC request names (`/api/trpc/a,b?batch=1`), decoded. */
export function trpcCallsOf(url: string, basePath = '/api/trpc/'): string[] {
  const path = url.slice(basePath.length).split('?')[0]!;
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    /* tRPC refuses it */
  }
  const batch = new URLSearchParams(url.split('?')[1] ?? '').get('batch') === '1';
  return batch ? decoded.split(',') : [decoded];
}

/** The declared Content-Length, or null when the body is chunked (tRPC's own maxBodySize then stops it). */
export function declaredLength(req: IncomingMessage): number | null {
  const v = req.headers['content-length'];
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : null;
}

const JSONRPC: Record<number, { code: string; number: number }> = {
  400: { code: 'BAD_REQUEST', number: -32600 },
  401: { code: 'UNAUTHORIZED', number: -32001 },
  413: { code: 'PAYLOAD_TOO_LARGE', number: -32413 },
  503: { code: 'SERVICE_UNAVAILABLE', number: -32603 },
};

/**
 * Answers a tRPC request without running it. When its body was not read, the rest of it is discarded (bounded) and
 * the connection closed, so that a client still sending receives the answer (linger.ts).
 */
export function refuseTrpc(
  req: IncomingMessage,
  res: ServerResponse,
  status: 400 | 401 | 413 | 503,
  message: string,
  headers: Record<string, string> = {},
): void {
  const { code, number } = JSONRPC[status]!;
  const url = req.url ?? '/';
  const calls = trpcCallsOf(url);
  const batch = new URLSearchParams(url.split('?')[1] ?? '').get('batch') === '1';
  const one = (path: string) => ({ error: { json: { message, code: number, data: { code, httpStatus: status, path } } } });
  const body = batch && status !== 400 ? calls.map(one) : one(calls[0] ?? '');
  const unread = req.method !== 'GET' && req.method !== 'HEAD' && !req.readableEnded;
  // No `Connection: close` for an unread body: Node would then destroy the socket once the answer is written, and a
  // client still sending would get a reset instead of the answer. The rest is discarded (bounded) instead.
  if (unread) discardRestOfBody(req);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}
