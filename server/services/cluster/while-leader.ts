// Runs a singleton worker only while this process holds the lease: started when it is gained, stopped when it is
// lost or given up. Changes are applied one after another, so a stop always finishes before the next start.
import type { LeaderLease } from '../../ports/leader-lease';

export interface Stoppable {
  stop(): Promise<void>;
}

export interface WhileLeader<T extends Stoppable> {
  /** The running worker, null while another process leads. */
  current(): T | null;
  stop(): Promise<void>;
}

export function runWhileLeader<T extends Stoppable>(
  lease: LeaderLease,
  start: () => T,
  onError: (err: unknown) => void = () => {},
): WhileLeader<T> {
  let worker: T | null = null;
  let chain: Promise<void> = Promise.resolve();
  let stopped = false;

  const apply = (leader: boolean) => {
    chain = chain
      .then(async () => {
        if (leader && !stopped && !worker) worker = start();
        else if (!leader && worker) {
          const w = worker;
          worker = null;
          await w.stop();
        }
      })
      .catch(onError); // a failed start or stop is reported; the next change is still applied
  };

  const unlisten = lease.onChange(apply);
  apply(lease.isLeader());

  return {
    current: () => worker,
    async stop() {
      stopped = true;
      unlisten();
      apply(false);
      await chain;
    },
  };
}
