// Robot identities (manufacturer + serialNumber → id). Known robots resolve synchronously;
// an unknown robot is registered in the database once, on first contact. Robots first heard within the same
// few milliseconds (a fleet connecting) are registered in one statement, not one round trip each.
import type { Db } from '../../db/client';
import { listRobotIdentities, upsertRobots, type RobotIdentity, type UpsertRobotParams } from '../../db/queries/robots';
import { robotKey } from '../domain/robot';

export interface RobotRegistry {
  /** The id if known now; otherwise a promise that registers the robot (deduplicated per robot). */
  resolve(manufacturer: string, serialNumber: string, protocolVersion: string | null): number | Promise<number>;
  all(): RobotIdentity[];
  onRegistered(listener: (r: RobotIdentity) => void): void;
}

/** Registrations waiting for the next batch; at most this many per statement. */
const MAX_BATCH = 500;
const BATCH_DELAY_MS = 5;

export async function createRobotRegistry(deps: { db: Db }): Promise<RobotRegistry> {
  const byKey = new Map<string, RobotIdentity>();
  for (const r of await listRobotIdentities(deps.db)) byKey.set(robotKey(r.manufacturer, r.serialNumber), r);
  const inFlight = new Map<string, Promise<number>>();
  const listeners: ((r: RobotIdentity) => void)[] = [];
  let batch: { key: string; p: UpsertRobotParams; resolve: (id: number) => void; reject: (e: unknown) => void }[] = [];
  let timer: NodeJS.Timeout | null = null;

  const flush = () => {
    timer = null;
    const todo = batch.splice(0, MAX_BATCH);
    if (batch.length > 0) timer = setTimeout(flush, 0);
    upsertRobots(
      deps.db,
      todo.map((t) => t.p),
    ).then(
      (rows) => {
        for (const r of rows) {
          byKey.set(robotKey(r.manufacturer, r.serialNumber), r);
          for (const l of listeners) l(r);
        }
        for (const t of todo) {
          const r = byKey.get(t.key);
          if (r) t.resolve(r.id);
          else t.reject(new Error(`could not register robot ${t.key}`));
        }
      },
      (err: unknown) => {
        for (const t of todo) t.reject(err);
      },
    );
  };

  return {
    resolve(manufacturer, serialNumber, protocolVersion) {
      const key = robotKey(manufacturer, serialNumber);
      const known = byKey.get(key);
      if (known) return known.id;
      let p = inFlight.get(key);
      if (!p) {
        p = new Promise<number>((resolve, reject) => {
          batch.push({ key, p: { manufacturer, serialNumber, protocolVersion }, resolve, reject });
          timer ??= setTimeout(flush, BATCH_DELAY_MS);
        }).finally(() => inFlight.delete(key));
        inFlight.set(key, p);
      }
      return p;
    },
    all: () => [...byKey.values()],
    onRegistered: (l) => void listeners.push(l),
  };
}
