// A small round-robin proxy in front of the cluster's nodes: each HTTP request and each WebSocket upgrade goes to
// the next node in turn; a node that refuses the connection (down, or killed for a failover test) is skipped and the
// next one tried, and is tried last for DOWN_FOR_MS. The request body is forwarded only once a node has accepted the
// connection, so a refused attempt consumed nothing and the next node gets the whole request. Socket.IO needs no
// stickiness: the browser connects with the websocket transport only (components/realtime/fleet-socket.ts).
import http from 'node:http';
import net from 'node:net';

export interface Upstream {
  name: string;
  port: number;
}

export interface RoundRobinProxy {
  url: string;
  /** Requests and upgrades each node has been sent. */
  served(): Record<string, number>;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';
const DOWN_FOR_MS = 2000;
/** Headers of one connection, never forwarded (RFC 9110 §7.6.1). */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade']);

const refused = (err: NodeJS.ErrnoException) => err.code === 'ECONNREFUSED';

function endToEnd(headers: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([k]) => !HOP_BY_HOP.has(k)));
}

export async function startProxy(o: { port: number; upstreams: readonly Upstream[] }): Promise<RoundRobinProxy> {
  let turn = 0;
  const downUntil = new Map<string, number>();
  const served = Object.fromEntries(o.upstreams.map((u) => [u.name, 0]));
  /** The nodes to try for one request: from the next in turn, the ones refused lately last. */
  const order = (): Upstream[] => {
    const n = o.upstreams.length;
    const start = turn++ % n;
    const inTurn = Array.from({ length: n }, (_, i) => o.upstreams[(start + i) % n]!);
    const now = Date.now();
    const up = (u: Upstream) => (downUntil.get(u.name) ?? 0) <= now;
    return [...inTurn.filter(up), ...inTurn.filter((u) => !up(u))];
  };
  const agent = new http.Agent({ keepAlive: true });
  const tunnels = new Set<net.Socket>();

  function forward(req: http.IncomingMessage, res: http.ServerResponse, candidates: Upstream[]) {
    const u = candidates.shift();
    if (!u) {
      res.writeHead(503, { 'content-type': 'text/plain', 'retry-after': '1' }).end('no cluster node is up\n');
      return;
    }
    const upReq = http.request({ host: HOST, port: u.port, method: req.method, path: req.url, headers: endToEnd(req.headers), agent });
    upReq.once('socket', (s) => {
      const send = () => {
        served[u.name]!++;
        req.pipe(upReq);
      };
      if (s.connecting) s.once('connect', send);
      else send();
    });
    upReq.once('response', (upRes) => {
      res.writeHead(upRes.statusCode ?? 502, endToEnd(upRes.headers));
      upRes.pipe(res);
    });
    upReq.once('error', (err) => {
      if (refused(err)) {
        downUntil.set(u.name, Date.now() + DOWN_FOR_MS);
        forward(req, res, candidates);
      } else if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' }).end(`${u.name}: ${err.message}\n`);
      else res.destroy();
    });
    res.once('close', () => {
      if (!res.writableFinished) upReq.destroy();
    });
  }

  function tunnel(req: http.IncomingMessage, client: net.Socket, head: Buffer, candidates: Upstream[]) {
    const u = candidates.shift();
    if (!u) {
      client.end('HTTP/1.1 503 Service Unavailable\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    const up = net.connect(u.port, HOST);
    let connected = false;
    up.once('connect', () => {
      connected = true;
      served[u.name]!++;
      tunnels.add(up);
      let head0 = `${req.method} ${req.url} HTTP/1.1\r\n`;
      for (let i = 0; i < req.rawHeaders.length; i += 2) head0 += `${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}\r\n`;
      up.write(`${head0}\r\n`);
      if (head.length > 0) up.write(head);
      up.pipe(client).pipe(up);
      client.once('close', () => up.destroy());
    });
    up.on('error', (err) => {
      if (!connected && refused(err)) {
        downUntil.set(u.name, Date.now() + DOWN_FOR_MS);
        tunnel(req, client, head, candidates);
      } else client.destroy();
    });
    up.once('close', () => (tunnels.delete(up), connected && client.destroy()));
  }

  const server = http.createServer((req, res) => forward(req, res, order()));
  server.on('upgrade', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    tunnels.add(client);
    client.once('close', () => tunnels.delete(client));
    client.on('error', () => client.destroy());
    tunnel(req, client, head, order());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, HOST, () => resolve());
  });
  return {
    url: `http://${HOST}:${o.port}`,
    served: () => ({ ...served }),
    close: async () => {
      const closed = new Promise<void>((r) => server.close(() => r()));
      server.closeAllConnections();
      for (const s of tunnels) s.destroy();
      agent.destroy();
      await closed;
    },
  };
}
