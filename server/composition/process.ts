// The process itself in /api/health: event-loop delay, heap against its limit, CPU (services/process-metrics.ts).
import v8 from 'node:v8';
import { createProcessMetrics } from '../services/process-metrics';
import type { Module } from './module';

export function composeProcess() {
  const metrics = createProcessMetrics();
  return {
    health() {
      const proc = metrics.figures();
      const heap = process.memoryUsage().heapUsed / v8.getHeapStatistics().heap_size_limit;
      return {
        process: {
          status: proc.eventLoopDelayP99Ms > 1000 || heap > 0.9 ? 'degraded' : 'ok',
          heapOfLimit: Math.round(heap * 1000) / 1000,
          ...proc,
        },
      };
    },
    async stop() {
      metrics.stop();
    },
  } satisfies Module & Record<string, unknown>;
}
