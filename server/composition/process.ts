// The process itself in /api/health: event-loop delay, heap against its limit, CPU (services/process-metrics.ts),
// and unhandled promise rejections (a bug each: server/index.ts logs them; here they are counted, so health and the
// e2e suite's teardown can tell).
import v8 from 'node:v8';
import { createProcessMetrics } from '../services/process-metrics';
import type { Module } from './module';

/** An unhandled rejection keeps the process degraded this long (the count stays). */
const UNHANDLED_DEGRADES_MS = 10 * 60_000;

export function composeProcess() {
  const metrics = createProcessMetrics();
  let unhandledRejections = 0;
  let lastUnhandledAt: number | null = null;
  const onUnhandled = () => {
    unhandledRejections++;
    lastUnhandledAt = Date.now();
  };
  process.on('unhandledRejection', onUnhandled);
  return {
    health() {
      const proc = metrics.figures();
      const heap = process.memoryUsage().heapUsed / v8.getHeapStatistics().heap_size_limit;
      const recentUnhandled = lastUnhandledAt !== null && Date.now() - lastUnhandledAt < UNHANDLED_DEGRADES_MS;
      return {
        process: {
          status: proc.eventLoopDelayP99Ms > 1000 || heap > 0.9 || recentUnhandled ? 'degraded' : 'ok',
          heapOfLimit: Math.round(heap * 1000) / 1000,
          unhandledRejections,
          ...proc,
        },
      };
    },
    async stop() {
      process.off('unhandledRejection', onUnhandled);
      metrics.stop();
    },
  } satisfies Module & Record<string, unknown>;
}
