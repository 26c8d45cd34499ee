// /api/health from the modules' parts: the database first (down ⇒ down; the ledger's status depends on it), then
// each module's components, merged where two modules add to one component, in a fixed order.
import type { Db } from '../../db/client';
import type { Clock } from '../ports/clock';
import type { HealthReport } from '../ports/health';
import { createChangeWatch, databaseHealth, overall, worst, type ComponentHealth } from '../services/health';
import type { Components, Module } from './module';

const ORDER = [
  'database',
  'bus',
  'redis',
  'mqtt',
  'gateways',
  'commands',
  'commander',
  'ingest',
  'traces',
  'process',
  'audit',
  'realtime',
  'simulator',
];
const rank = (k: string) => {
  const i = ORDER.indexOf(k);
  return i < 0 ? ORDER.length : i;
};

export function composeHealth(deps: {
  db: Db;
  clock: Clock;
  modules: readonly Pick<Module, 'health'>[];
  node?: string;
}): () => Promise<HealthReport> {
  const watch = createChangeWatch(() => deps.clock.now());
  return async () => {
    const now = deps.clock.now();
    const database = await databaseHealth(deps.db);
    const ctx = { now, watch, database };
    const parts: Components = { database };
    for (const m of deps.modules) {
      for (const [k, c] of Object.entries(m.health(ctx))) parts[k] = parts[k] ? merge(parts[k], c) : c;
    }
    const components = Object.fromEntries(Object.entries(parts).sort(([a], [b]) => rank(a) - rank(b)));
    const report = overall(components);
    return deps.node ? { status: report.status, node: deps.node, components: report.components } : report;
  };
}

function merge(a: ComponentHealth, b: ComponentHealth): ComponentHealth {
  return { ...a, ...b, status: worst(a.status, b.status) };
}
