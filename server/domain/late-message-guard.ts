// After a bus outage a node's retried publishes arrive seconds late, after newer messages of the same robot: a
// consumer that keeps "the robot's latest state" would go back in time (a cleared e-stop raised again, a zone
// request already answered asked anew). This guard lets through, per key, only what its gateway received no
// earlier than the newest let through. Bounded: past `maxKeys` the least recently seen key is forgotten.
import { BoundedMap } from './bounded-map';

export interface LateMessageGuard {
  /** Whether a message of `key` received (by its gateway) at `receivedAt` is not older than the newest admitted. */
  admit(key: number | string, receivedAt: number): boolean;
  /** Messages refused as late, since creation. */
  late(): number;
}

export function createLateMessageGuard(maxKeys = 20_000): LateMessageGuard {
  const newest = new BoundedMap<number | string, number>(maxKeys);
  let late = 0;
  return {
    admit(key, receivedAt) {
      const prev = newest.peek(key);
      if (prev !== undefined && receivedAt < prev) {
        late++;
        return false;
      }
      newest.set(key, receivedAt);
      return true;
    },
    late: () => late,
  };
}
