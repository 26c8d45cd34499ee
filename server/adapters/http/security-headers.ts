// Security headers on every response. Pages get a per-request script nonce: Next reads it from the request's
// Content-Security-Policy header and puts it on its own inline scripts, so no inline script without it runs.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export function contentSecurityPolicy(nonce: string, dev: boolean): string {
  return [
    `default-src 'self'`,
    // 'strict-dynamic': scripts the nonced bootstrap loads (Next's chunks) may load theirs. Dev needs eval for HMR.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? ` 'unsafe-eval'` : ''}`,
    // React sets style attributes (positions, colours); no external styles.
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self' data: blob:`,
    `font-src 'self' data:`,
    // Socket.IO's WebSocket and tRPC go to this origin only.
    `connect-src 'self'${dev ? ' ws: wss:' : ''}`,
    `worker-src 'self' blob:`,
    `object-src 'none'`,
    `base-uri 'self'`,
    `form-action 'self'`,
    `frame-ancestors 'none'`,
  ].join('; ');
}

const STATIC_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'same-origin',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
};

/** Sets the headers on the response and hands the policy to Next through the request. */
export function applySecurityHeaders(req: IncomingMessage, res: ServerResponse, dev: boolean): void {
  const csp = contentSecurityPolicy(randomBytes(16).toString('base64'), dev);
  req.headers['content-security-policy'] = csp;
  res.setHeader('Content-Security-Policy', csp);
  for (const [k, v] of Object.entries(STATIC_HEADERS)) res.setHeader(k, v);
}
