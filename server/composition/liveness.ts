// The liveness watch (a silent robot goes stale, then OFFLINE). Its verdicts travel on the bus to every node's
// fleet state, so with a shared bus (BUS_URL) one process watches: the lease holder. With the in-process bus each
// process sees only its own robots, so each watches them itself.
import type { AppConfig } from '../config';
import type { Clock } from '../ports/clock';
import type { FleetReader } from '../ports/fleet-reader';
import type { LeaderLease } from '../ports/leader-lease';
import type { MessageBus } from '../ports/message-bus';
import { runWhileLeader } from '../services/cluster/while-leader';
import { createRobotLivenessWorker, type LivenessOptions, type RobotLivenessWorker } from '../workers/robot-liveness';

/** The liveness worker, and whether it runs in this process now. */
export type LivenessWatch = RobotLivenessWorker & { running(): boolean };

export function composeLiveness(
  config: Pick<AppConfig, 'BUS_URL'>,
  deps: { bus: MessageBus; clock: Clock; store: FleetReader; lease: LeaderLease; options?: LivenessOptions },
): LivenessWatch {
  const start = () => createRobotLivenessWorker({ bus: deps.bus, clock: deps.clock, fleet: deps.store }, deps.options);
  if (!config.BUS_URL) {
    const w = start();
    return { ...w, running: () => true };
  }
  const led = runWhileLeader(deps.lease, () => {
    const w = start();
    return { check: w.check, stop: async () => w.stop() };
  });
  return {
    check: () => led.current()?.check(),
    running: () => led.current() !== null,
    stop: () => void led.stop(),
  };
}
