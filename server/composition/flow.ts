// Data-flow tracing (TRACE_ENABLED): the recorder every stage reports to, the trace ring and hop writer
// (server/flow-wiring.ts). Composed before the data path, whose stages it meters, and stopped after it (the
// last hops are flushed).
import type { Db } from '../../db/client';
import type { AppConfig } from '../config';
import type { ClusterMember } from '../domain/cluster/node-figures';
import { createFlowTracing, type FlowStages } from '../flow-wiring';
import type { Clock } from '../ports/clock';
import type { Logger } from '../ports/logger';
import { storeStatus } from '../services/health';
import { shutdownStep, type Components, type HealthContext, type Module } from './module';

export function composeFlow(config: AppConfig, deps: { db: Db; clock: Clock; logger: Logger; cluster?: () => ClusterMember[] }) {
  const tracing = createFlowTracing(config, deps);
  const step = shutdownStep(deps.logger);
  return {
    /** Null when TRACE_ENABLED=false. */
    tracing,
    /** Node details of the running stages, once they exist. */
    describe(stages: FlowStages) {
      tracing?.describe(stages);
    },
    health(ctx: HealthContext): Components {
      if (!tracing) return {};
      const traces = tracing.writer.stats();
      const store = storeStatus('trace_hops', traces, ctx.watch, ctx.now);
      return {
        traces: {
          status: store.status,
          problem: store.why,
          hopsWritten: traces.written,
          hopsBuffered: traces.buffered,
          maxBuffered: traces.maxBuffered,
          hopsDropped: traces.dropped,
          hopsRejected: traces.rejected,
          batchFailures: traces.failures,
          lastError: traces.lastError,
          lastRejection: traces.lastRejection,
          pruned: traces.pruned,
        },
      };
    },
    async stop() {
      await step('trace flush', () => tracing?.stop());
    },
  } satisfies Module & Record<string, unknown>;
}

export type FlowModule = ReturnType<typeof composeFlow>;
