// The running app's handles, shared between the custom server and Next route handlers.
// Next bundles route handlers separately from server/index.ts, so a module singleton would exist twice;
// the one instance lives on globalThis (architecture.md, "Rules of thumb").
import type { RobotView } from './domain/robot';
import type { WarehouseMap } from './domain/warehouse-map';

export interface FleetReader {
  list(): RobotView[];
  get(id: number): RobotView | undefined;
}

export interface HealthReport {
  status: 'ok' | 'degraded' | 'down';
  components: Record<string, { status: 'ok' | 'degraded' | 'down'; [k: string]: unknown }>;
}

export interface AppRuntime {
  fleet: FleetReader;
  map: WarehouseMap;
  health(): Promise<HealthReport>;
}

const KEY = Symbol.for('fleetscope.runtime');
type Holder = { [KEY]?: AppRuntime };

export function setRuntime(rt: AppRuntime | undefined): void {
  (globalThis as Holder)[KEY] = rt;
}

export function getRuntime(): AppRuntime {
  const rt = (globalThis as Holder)[KEY];
  if (!rt) throw new Error('App runtime is not started: run the app with `npm start` (server/index.ts).');
  return rt;
}
