// Robot identities (manufacturer + serialNumber → id). Known robots resolve synchronously;
// an unknown robot is registered in the database once, on first contact.
import type { Db } from '../../db/client';
import { listRobotIdentities, upsertRobot, type RobotIdentity } from '../../db/queries/robots';
import { robotKey } from '../domain/robot';

export interface RobotRegistry {
  /** The id if known now; otherwise a promise that registers the robot (deduplicated per robot). */
  resolve(manufacturer: string, serialNumber: string, protocolVersion: string | null): number | Promise<number>;
  all(): RobotIdentity[];
  onRegistered(listener: (r: RobotIdentity) => void): void;
}

export async function createRobotRegistry(deps: { db: Db }): Promise<RobotRegistry> {
  const byKey = new Map<string, RobotIdentity>();
  for (const r of await listRobotIdentities(deps.db)) byKey.set(robotKey(r.manufacturer, r.serialNumber), r);
  const inFlight = new Map<string, Promise<number>>();
  const listeners: ((r: RobotIdentity) => void)[] = [];

  return {
    resolve(manufacturer, serialNumber, protocolVersion) {
      const key = robotKey(manufacturer, serialNumber);
      const known = byKey.get(key);
      if (known) return known.id;
      let p = inFlight.get(key);
      if (!p) {
        p = upsertRobot(deps.db, { manufacturer, serialNumber, protocolVersion })
          .then((r) => {
            byKey.set(key, r);
            for (const l of listeners) l(r);
            return r.id;
          })
          .finally(() => inFlight.delete(key));
        inFlight.set(key, p);
      }
      return p;
    },
    all: () => [...byKey.values()],
    onRegistered: (l) => void listeners.push(l),
  };
}
