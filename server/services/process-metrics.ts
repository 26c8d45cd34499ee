// Process figures for health and benchmarks: event-loop delay, CPU and memory of this process.
import { createHistogram, type RecordableHistogram } from 'node:perf_hooks';

export interface ProcessFigures {
  eventLoopDelayP50Ms: number;
  eventLoopDelayP99Ms: number;
  eventLoopDelayMaxMs: number;
  rssMb: number;
  heapUsedMb: number;
  /** CPU time used since start, in seconds (user + system). */
  cpuSeconds: number;
  uptimeSeconds: number;
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/**
 * Event-loop delay is sampled by a 10 ms timer (how late each tick fires) into a histogram in microseconds.
 * Figures cover the last one to two windows, so start-up stalls do not dominate them forever.
 */
export function createProcessMetrics(windowMs = 10_000): { figures(): ProcessFigures; stop(): void } {
  const PERIOD = 10;
  let current: RecordableHistogram = createHistogram();
  let previous: RecordableHistogram = createHistogram();
  let last = performance.now();
  const sampler = setInterval(() => {
    const now = performance.now();
    current.record(Math.max(1, Math.round((now - last - PERIOD) * 1000)));
    last = now;
  }, PERIOD);
  const roll = setInterval(() => {
    previous = current;
    current = createHistogram();
  }, windowMs);
  sampler.unref();
  roll.unref();
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    figures() {
      const cpu = process.cpuUsage();
      const mem = process.memoryUsage();
      const w = createHistogram();
      w.add(previous);
      w.add(current);
      return {
        eventLoopDelayP50Ms: round(w.count ? w.percentile(50) / 1000 : 0),
        eventLoopDelayP99Ms: round(w.count ? w.percentile(99) / 1000 : 0),
        eventLoopDelayMaxMs: round(w.count ? w.max / 1000 : 0),
        rssMb: round(mem.rss / 2 ** 20),
        heapUsedMb: round(mem.heapUsed / 2 ** 20),
        cpuSeconds: round((cpu.user + cpu.system) / 1e6),
        uptimeSeconds: round(process.uptime()),
      };
    },
    stop: () => {
      clearInterval(roll);
      clearInterval(sampler);
    },
  };
}
