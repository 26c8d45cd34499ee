// The per-message CPU that tracing adds on the hot path, measured in-process so that a loaded machine does not
// drown it: the gateway's metering and sampling, envelope creation, and bus delivery to three subscribers,
// with the traced bus and recorder (ring + a batching sink, default sampling) or without. Alternated rounds,
// the minimum of each kept (the least disturbed by other work on the machine).
import { createInProcessBus } from '../../server/adapters/bus/in-process';
import { traceBus } from '../../server/adapters/bus/traced';
import { createGatewayTracing } from '../../server/adapters/gateways/vda5050-mqtt/gateway-tracing';
import { newEnvelope } from '../../server/domain/envelope';
import type { Hop } from '../../server/domain/flow/hop';
import { createFlowRecorder } from '../../server/services/flow/flow-recorder';
import { createTraceRing } from '../../server/services/flow/trace-ring';

export interface HotPathResult {
  messages: number;
  rounds: number;
  sampleRate: number;
  /** CPU µs per message, minimum over rounds. */
  offUsPerMsg: number;
  onUsPerMsg: number;
  addedUsPerMsg: number;
  hopsRecordedPerMsg: number;
}

function runOnce(traced: boolean, n: number, sampleRate: number): { usPerMsg: number; hops: number } {
  const raw = createInProcessBus();
  const rec = createFlowRecorder({ sampleRate });
  let hops = 0;
  let pending: Hop[] = [];
  rec.addSink(createTraceRing(5000));
  // Stands in for the Postgres hop writer: buffers and hands off in batches (the insert runs elsewhere).
  rec.addSink({ write: (h) => void (hops++, pending.push(h), pending.length >= 2000 && (pending = [])) });
  const bus = traced ? traceBus(raw, rec) : raw;
  let sink = 0;
  for (const name of ['ingest', 'fleet-state', 'factsheet-requester'])
    bus.subscribe('robot.visualization', (env) => void (sink += (env.payload as { x: number }).x), { name });
  const gt = createGatewayTracing(traced ? rec : undefined, 'vda5050-mqtt');
  const payload = { topic: 'visualization', robotId: 1, manufacturer: 'SimRobotics', serialNumber: 'SIM-0001', size: 610, x: 1 };
  const c0 = process.cpuUsage();
  for (let i = 0; i < n; i++) {
    const receivedAt = Date.now();
    const t0 = gt.rxStart();
    const rx = gt.accepted('SimRobotics', 'visualization', 610, receivedAt - 5, receivedAt, t0);
    const env = newEnvelope({
      subject: 'robot.visualization',
      source: 'gateway:vda5050-mqtt',
      producedAt: receivedAt - 5,
      receivedAt,
      payload,
      sampled: rx !== null,
    });
    if (rx) gt.published(env, 'SimRobotics', 'visualization', 610, rx);
    bus.publish(env);
  }
  const c = process.cpuUsage(c0);
  if (sink < 0) console.log(sink);
  return { usPerMsg: (c.user + c.system) / n, hops };
}

export function runTracingHotPath(o: { messages?: number; rounds?: number; sampleRate?: number } = {}): HotPathResult {
  const n = o.messages ?? 200_000;
  const rounds = o.rounds ?? 7;
  const sampleRate = o.sampleRate ?? 0.01;
  runOnce(false, 20_000, sampleRate); // warm-up: JIT both paths
  runOnce(true, 20_000, sampleRate);
  let off = Infinity;
  let on = Infinity;
  let hops = 0;
  for (let r = 0; r < rounds; r++) {
    off = Math.min(off, runOnce(false, n, sampleRate).usPerMsg);
    const t = runOnce(true, n, sampleRate);
    on = Math.min(on, t.usPerMsg);
    hops = t.hops;
  }
  return { messages: n, rounds, sampleRate, offUsPerMsg: off, onUsPerMsg: on, addedUsPerMsg: on - off, hopsRecordedPerMsg: hops / n };
}
