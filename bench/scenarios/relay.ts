// Baseline (a): the raw relay with the same robots, rate, viewers and frame interval as the pipeline run.
import { freePort } from '../../server/testing/test-env';
import { startTs, watchProcess, type Child } from '../lib/proc';
import { clearRetained } from '../lib/retained';
import { measureWhenSettled, SIM_DONE, startSims } from '../lib/stack';
import type { LatencySummary } from '../lib/stats';
import type { PipelineParams } from './pipeline';

export interface RelayResult {
  latencyMs: LatencySummary;
  viewerFrames: number;
  cpuCores: number;
  peakRssMb: number;
}

export async function runRelay(p: PipelineParams): Promise<RelayResult> {
  const iface = `relay${Date.now().toString(36)}`;
  const brokerPort = await freePort();
  const children: Child[] = [];
  try {
    const brokerArgs = p.mqttUrl ? ['--broker', p.mqttUrl] : ['--embedded-port', String(brokerPort)];
    const relay = startTs('bench/relay.ts', [...brokerArgs, '--interface', iface, '--hz', String(p.fanoutHz)], {}, 'relay');
    children.push(relay);
    const port = Number((await relay.waitFor(/^LISTENING (\d+)/, 30_000))[1]);
    const broker = p.mqttUrl ?? `mqtt://127.0.0.1:${brokerPort}`;
    const viewers = startTs(
      'bench/viewers.ts',
      ['--url', `http://127.0.0.1:${port}`, '--clients', String(p.viewers), '--warmup', '3000'],
      {},
      'relay-viewers',
      { stdin: true },
    );
    children.push(viewers);
    await viewers.waitFor(/^READY/, 30_000);
    const watch = watchProcess(relay.proc.pid!);
    const sims = startSims({ robots: p.robots, hz: p.hz, brokerUrl: broker, iface, seconds: p.seconds, name: 'relay' });
    children.push(...sims);
    const settled = measureWhenSettled(sims, viewers).catch(() => {});
    await Promise.all(sims.map((s) => s.waitFor(SIM_DONE, (p.seconds + 120) * 1000)));
    await settled;
    const usage = watch.stop();
    viewers.proc.kill('SIGTERM');
    const r = JSON.parse((await viewers.waitFor(/^RESULT (.*)$/, 10_000))[1]!) as { frames: number; latencyMs: LatencySummary };
    return { latencyMs: r.latencyMs, viewerFrames: r.frames, cpuCores: usage.cpuCores, peakRssMb: usage.peakRssMb };
  } finally {
    for (const c of children) await c.stop('SIGTERM').catch(() => {});
    if (p.mqttUrl) await clearRetained(p.mqttUrl, iface).catch(() => {});
  }
}
