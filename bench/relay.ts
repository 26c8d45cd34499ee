// Baseline "raw relay": an MQTT subscriber that forwards robot poses to Socket.IO clients with no other processing
// (no validation, no bus, no database), batched at the same frame interval as the app and in the same frame format.
// Usage: tsx bench/relay.ts (--broker mqtt://… | --embedded-port 1885) --interface uagv --port 0 --hz 10 → `LISTENING <port>`
import { disableNagle } from '../server/protocol/mqtt-no-delay';
import http from 'node:http';
import { parseArgs } from 'node:util';
import mqtt from 'mqtt';
import { Server } from 'socket.io';
import { startEmbeddedBroker } from '../server/adapters/mqtt/embedded-broker';

const { values } = parseArgs({
  options: {
    broker: { type: 'string' },
    'embedded-port': { type: 'string' },
    interface: { type: 'string', default: 'uagv' },
    port: { type: 'string', default: '0' },
    hz: { type: 'string', default: '10' },
  },
});
// Same topology as the app: with no external broker, the broker runs inside this process.
const embedded = values['embedded-port'] ? await startEmbeddedBroker({ port: Number(values['embedded-port']) }) : null;
const brokerUrl = values.broker ?? embedded?.url;
if (!brokerUrl) throw new Error('--broker or --embedded-port is required');
const server = http.createServer();
const io = new Server(server, { transports: ['websocket'], serveClient: false });
const latest = new Map<string, number[]>();
let seq = 0;
let ids = 0;
const idOf = new Map<string, number>();

// Same socket setting as the app's gateway, so the baseline is the best plain infrastructure does.
const client = disableNagle(mqtt.connect(brokerUrl, { clientId: `bench-relay-${process.pid}` }));
client.on('connect', () => client.subscribe(`${values.interface}/+/+/+/visualization`, { qos: 0 }));
client.on('message', (topic, payload) => {
  const m = JSON.parse(payload.toString()) as {
    timestamp: string;
    agvPosition?: { x: number; y: number; theta: number };
    velocity?: { vx?: number; vy?: number };
  };
  if (!m.agvPosition) return;
  let id = idOf.get(topic);
  if (id === undefined) idOf.set(topic, (id = ++ids));
  const v = m.velocity;
  latest.set(topic, [
    id,
    m.agvPosition.x,
    m.agvPosition.y,
    m.agvPosition.theta,
    v ? Math.hypot(v.vx ?? 0, v.vy ?? 0) : 0,
    Date.parse(m.timestamp),
  ]);
});

setInterval(() => {
  if (latest.size === 0) return;
  const poses: number[] = [];
  for (const p of latest.values()) poses.push(...p);
  latest.clear();
  io.emit('fleet:frame', { seq: ++seq, serverTime: Date.now(), poses, robots: [], removed: [] });
}, 1000 / Number(values.hz));

server.listen(Number(values.port), '127.0.0.1', () => console.log(`LISTENING ${(server.address() as { port: number }).port}`));
process.on('SIGTERM', () => process.exit(0));
