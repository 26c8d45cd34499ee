// Cross-site request defence: a browser always sends Origin on POST and WebSocket requests; it must name this app
// (the Host it asked for) or an origin in ALLOWED_ORIGINS.
import type { IncomingMessage } from 'node:http';

export function createOriginCheck(allowed: readonly string[]) {
  const extra = new Set(allowed.map((o) => o.replace(/\/+$/, '').toLowerCase()));
  return {
    /** True when the request's Origin is this app or allow-listed. A request without Origin is refused. */
    matches(req: IncomingMessage): boolean {
      const origin = req.headers.origin?.toLowerCase();
      if (!origin || origin === 'null') return false;
      if (extra.has(origin)) return true;
      const host = req.headers.host?.toLowerCase();
      if (!host) return false;
      try {
        return new URL(origin).host === host;
      } catch {
        return false;
      }
    },
  };
}
export type OriginCheck = ReturnType<typeof createOriginCheck>;
