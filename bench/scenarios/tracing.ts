// What data-flow tracing costs: the same pipeline run with TRACE_ENABLED=false and with tracing on at the
// default sampling, alternated (off, on, off, on …) so that drift in the machine's load hits both alike.
// Cost is app CPU per message (the pipeline's throughput limit on a CPU-bound machine), plus latency and loss.
import { runPipeline, type PipelineParams, type PipelineResult } from './pipeline';

export interface TracingRun {
  tracing: 'off' | 'on';
  round: number;
  result: PipelineResult;
  cpuMsPer1kMsgs: number;
}

export interface TracingOverhead {
  params: Omit<PipelineParams, 'appEnv'>;
  sampleRate: string;
  runs: TracingRun[];
  medianCpuMsPer1kOff: number;
  medianCpuMsPer1kOn: number;
  /** (on − off) / off, in percent, from the medians. */
  cpuOverheadPct: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

export async function runTracingOverhead(
  p: Omit<PipelineParams, 'appEnv'> & { rounds: number; log?: (m: string) => void },
): Promise<TracingOverhead> {
  const runs: TracingRun[] = [];
  const sampleRate = process.env.TRACE_SAMPLE_RATE ?? 'default (0.001)';
  for (let round = 1; round <= p.rounds; round++) {
    for (const tracing of ['off', 'on'] as const) {
      p.log?.(`  tracing ${tracing}, round ${round}/${p.rounds} …`);
      const result = await runPipeline({ ...p, appEnv: { TRACE_ENABLED: tracing === 'on' ? 'true' : 'false' } });
      runs.push({ tracing, round, result, cpuMsPer1kMsgs: (result.appCpuSeconds * 1000 * 1000) / Math.max(1, result.visualizationSent) });
    }
  }
  const off = median(runs.filter((r) => r.tracing === 'off').map((r) => r.cpuMsPer1kMsgs));
  const on = median(runs.filter((r) => r.tracing === 'on').map((r) => r.cpuMsPer1kMsgs));
  const { rounds: _r, log: _l, ...params } = p;
  return { params, sampleRate, runs, medianCpuMsPer1kOff: off, medianCpuMsPer1kOn: on, cpuOverheadPct: ((on - off) / off) * 100 };
}
