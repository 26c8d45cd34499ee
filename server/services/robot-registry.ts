// Robot identities (manufacturer + serialNumber → id). Known robots resolve synchronously;
// an unknown robot is registered in the database once, on first contact. Robots first heard within the same
// few milliseconds (a fleet connecting) are registered in one statement, not one round trip each. A new robot is
// registered only if the admission allows it (rate and cap per manufacturer login; see robot-admission.ts).
import type { Db } from '../../db/client';
import { listRobotIdentities, upsertRobots, type RobotIdentity, type UpsertRobotParams } from '../../db/queries/robots';
import { robotKey } from '../domain/robot';
import type { RobotAdmission } from './robot-admission';

/** A new robot that is not registered (now): the admission refused it. */
export interface RegistrationRefused {
  refused: string;
}

export interface RobotRegistry {
  /** The id if known now; otherwise a promise that registers the robot (deduplicated per robot), or a refusal. */
  resolve(manufacturer: string, serialNumber: string, protocolVersion: string | null): number | Promise<number> | RegistrationRefused;
  /** Robots of a manufacturer, registered or being registered. */
  countOf(manufacturer: string): number;
  all(): RobotIdentity[];
  onRegistered(listener: (r: RobotIdentity) => void): void;
}

/** Registrations waiting for the next batch; at most this many per statement. */
const MAX_BATCH = 500;
const BATCH_DELAY_MS = 5;

export async function createRobotRegistry(deps: { db: Db; admission?: RobotAdmission }): Promise<RobotRegistry> {
  const byKey = new Map<string, RobotIdentity>();
  /** Robots per manufacturer: registered, and registrations in flight. */
  const perManufacturer = new Map<string, number>();
  const pending = new Map<string, number>();
  const bump = (m: Map<string, number>, k: string, d: number) => {
    const n = (m.get(k) ?? 0) + d;
    if (n > 0) m.set(k, n);
    else m.delete(k);
  };
  const remember = (r: RobotIdentity) => {
    const key = robotKey(r.manufacturer, r.serialNumber);
    if (!byKey.has(key)) bump(perManufacturer, r.manufacturer, 1);
    byKey.set(key, r);
  };
  for (const r of await listRobotIdentities(deps.db)) remember(r);
  const inFlight = new Map<string, Promise<number>>();
  const listeners: ((r: RobotIdentity) => void)[] = [];
  const batch: { key: string; p: UpsertRobotParams; resolve: (id: number) => void; reject: (e: unknown) => void }[] = [];
  // biome-ignore lint/correctness/noUnusedVariables: read by the `??=` below (a false positive)
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
          const fresh = !byKey.has(robotKey(r.manufacturer, r.serialNumber));
          remember(r);
          if (fresh) deps.admission?.registered(r.manufacturer, r.serialNumber);
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
        const admitted = deps.admission?.admit(
          manufacturer,
          serialNumber,
          (perManufacturer.get(manufacturer) ?? 0) + (pending.get(manufacturer) ?? 0),
        );
        if (admitted && !admitted.ok) return { refused: admitted.reason };
        bump(pending, manufacturer, 1);
        p = new Promise<number>((resolve, reject) => {
          batch.push({ key, p: { manufacturer, serialNumber, protocolVersion }, resolve, reject });
          timer ??= setTimeout(flush, BATCH_DELAY_MS);
        }).finally(() => {
          inFlight.delete(key);
          bump(pending, manufacturer, -1);
        });
        inFlight.set(key, p);
      }
      return p;
    },
    countOf: (manufacturer) => (perManufacturer.get(manufacturer) ?? 0) + (pending.get(manufacturer) ?? 0),
    all: () => [...byKey.values()],
    onRegistered: (l) => void listeners.push(l),
  };
}
