// Live views over Socket.IO (only with a Socket.IO server): the fleet fan-out (one batched frame per tick), the
// data-flow push and the command feed. Composed after the data path and the ledger it shows.
import type { AppConfig } from '../config';
import { createAlertFeed } from '../adapters/realtime/alert-feed';
import { createCommandFeed } from '../adapters/realtime/command-feed';
import { startFlowLive } from '../adapters/realtime/flow-live';
import { createSocketIoFanout, type FleetIo } from '../adapters/realtime/socketio';
import type { FlowTracing } from '../flow-wiring';
import type { Clock } from '../ports/clock';
import type { AlertCenter } from '../ports/alert-center';
import type { CommandLedger } from '../ports/command-ledger';
import type { Logger } from '../ports/logger';
import type { CommandTracing } from '../services/command-tracing';
import type { FleetStateStore } from '../workers/fleet-state';
import { shutdownStep, type Components, type Module } from './module';

export function composeRealtime(
  config: AppConfig,
  deps: {
    io?: FleetIo;
    store: FleetStateStore;
    ledger: CommandLedger;
    alerts: AlertCenter;
    commandTracing: CommandTracing;
    flow: FlowTracing | null;
    clock: Clock;
    logger: Logger;
  },
) {
  const { io, flow, logger } = deps;
  const fanout = io
    ? createSocketIoFanout({ io, store: deps.store, clock: deps.clock, logger, hz: config.FANOUT_HZ, tracer: flow?.recorder })
    : null;
  fanout?.start();
  const flowLive = io && flow ? startFlowLive({ io, recorder: flow.recorder, ring: flow.ring, reader: flow.reader, logger }) : null;
  const commandFeed = io ? createCommandFeed({ io, ledger: deps.ledger, onSent: (c) => deps.commandTracing.pushed(c) }) : null;
  const alertFeed = io ? createAlertFeed({ io, alerts: deps.alerts }) : null;
  const step = shutdownStep(logger);

  return {
    /** Null without a Socket.IO server. */
    fanout,
    health: (): Components => ({
      ...(fanout && { realtime: { ...fanout.health() } }),
      // The feed's figures belong to the commands component (the ledger module gives its status).
      ...(commandFeed && { commands: { status: 'ok' as const, ...commandFeed.stats() } }),
      ...(alertFeed && { alerts: { status: 'ok' as const, feed: alertFeed.stats() } }),
    }),
    async stop() {
      await step('fan-out', () => fanout?.stop());
      commandFeed?.stop();
      alertFeed?.stop();
      flowLive?.stop();
    },
  } satisfies Module & Record<string, unknown>;
}

export type RealtimeModule = ReturnType<typeof composeRealtime>;
