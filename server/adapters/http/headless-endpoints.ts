// What a node without the `web` role serves (NODE_ROLES=gateway,ingest…): its health and its metrics, for the
// operator and Prometheus, and nothing else. No Next.js and no Socket.IO are loaded (measured: RSS of such a node
// in docs/operating.md, "Roles"); every other path says which nodes serve the web.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HealthReport } from '../../ports/health';

export interface HeadlessEndpoints {
  serve(req: IncomingMessage, res: ServerResponse): Promise<void>;
}

const json = (res: ServerResponse, status: number, body: unknown) =>
  void res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' }).end(JSON.stringify(body));

export function createHeadlessEndpoints(deps: {
  health: () => Promise<HealthReport>;
  metrics: { handles(req: IncomingMessage): boolean; serve(res: ServerResponse): Promise<void> };
  roles: string;
}): HeadlessEndpoints {
  return {
    async serve(req, res) {
      const path = (req.url ?? '/').split('?')[0];
      if (req.method === 'GET' && path === '/api/health') {
        try {
          return json(res, 200, await deps.health());
        } catch (err) {
          return json(res, 503, { status: 'down', components: { app: { status: 'down', error: (err as Error).message } } });
        }
      }
      if (deps.metrics.handles(req)) return deps.metrics.serve(res);
      json(res, 404, {
        error: `this node does not serve the web (NODE_ROLES=${deps.roles}): only /api/health and /metrics here; open a node whose roles include web`,
      });
    },
  };
}
