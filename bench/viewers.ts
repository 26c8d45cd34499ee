// K headless viewers in one process (own process, so their work does not land on the app's event loop).
// Each records robot-timestamp → viewer latency for every pose it receives, after a warm-up.
// Usage: tsx bench/viewers.ts --url http://127.0.0.1:3000 --clients 20 --warmup 2000
// `--url` may list several apps, comma-separated (the nodes of a cluster): client i connects to url[i mod n], and
// the RESULT adds each URL's clients and latency (`byUrl`) to the summary over all of them.
// Signed in like a browser when FLEETSCOPE_COOKIE holds a session cookie (`fleetscope_session=…`, from the
// environment so it does not show in the process list): each socket sends it with the app's Origin. Without it
// (the raw relay baseline) the sockets connect bare.
// Prints `READY` once all are connected, `REFUSED <reason>` if the server refuses them, and, on SIGTERM,
// `RESULT {json}`. A `MEASURE` line on stdin starts the measurement afresh (the scenario sends it once every robot
// has connected and settled, so start-up — connecting, registering, JIT — is not part of the steady-state figures).
import { parseArgs } from 'node:util';
import { io } from 'socket.io-client';
import { POSE_STRIDE, type FleetFrame } from '../server/domain/live-protocol';
import { Histogram } from './lib/stats';

const { values } = parseArgs({
  options: { url: { type: 'string' }, clients: { type: 'string', default: '10' }, warmup: { type: 'string', default: '2000' } },
});
if (!values.url) throw new Error('--url is required');
const urls = values.url.split(',').map((u) => u.trim());
const clients = Number(values.clients);
let warmupUntil = Date.now() + Number(values.warmup);
let hist = new Histogram();
let histByUrl = urls.map(() => new Histogram());
let frames = 0;
let poses = 0;
let snapshots = 0;
let connected = 0;
let refused = 0;
const cookie = process.env.FLEETSCOPE_COOKIE;
const authFor = (url: string) => (cookie ? { extraHeaders: { cookie, origin: new URL(url).origin } } : {});

const sockets = Array.from({ length: clients }, (_, c) => {
  const url = urls[c % urls.length]!;
  const mine = () => histByUrl[c % urls.length]!;
  const s = io(url, { transports: ['websocket'], reconnection: true, ...authFor(url) });
  s.on('connect', () => {
    connected++;
    if (connected === clients) console.log('READY');
  });
  s.on('connect_error', (e) => {
    if (refused++ === 0) console.log(`REFUSED ${e.message}`);
  });
  s.on('auth:revoked', (reason) => console.log(`REVOKED ${reason}`));
  s.on('fleet:snapshot', () => void snapshots++);
  s.on('fleet:frame', (f: FleetFrame) => {
    const now = Date.now();
    frames++;
    if (now < warmupUntil) return;
    const p = f.poses;
    for (let i = POSE_STRIDE - 1; i < p.length; i += POSE_STRIDE) {
      hist.add(now - p[i]!);
      mine().add(now - p[i]!);
      poses++;
    }
  });
  return s;
});

process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk: string) => {
  if (!chunk.split('\n').includes('MEASURE')) return;
  warmupUntil = Date.now();
  hist = new Histogram();
  histByUrl = urls.map(() => new Histogram());
  poses = 0;
});

const finish = () => {
  for (const s of sockets) s.close();
  const byUrl = urls.map((url, i) => ({
    url,
    clients: Math.floor(clients / urls.length) + (i < clients % urls.length ? 1 : 0),
    latencyMs: histByUrl[i]!.summary(),
  }));
  console.log(`RESULT ${JSON.stringify({ clients, frames, poses, snapshots, refused, latencyMs: hist.summary(), byUrl })}`);
  process.exit(0);
};
process.on('SIGTERM', finish);
process.on('SIGINT', finish);
