// The running app's handles, shared between the custom server and Next route handlers.
// Next bundles route handlers separately from server/index.ts, so a module singleton would exist twice;
// the one instance lives on globalThis (architecture.md, "Rules of thumb").
import type { HistoryReader, IncidentReader } from './ports/history-reader';
import type { WarehouseMap } from './domain/warehouse-map';
import type { ZoneTraffic } from './ports/zone-traffic';
import type { AlertCenter } from './ports/alert-center';
import type { CommandLedger } from './ports/command-ledger';
import type { FleetReader } from './ports/fleet-reader';
import type { FlowReader } from './ports/flow-reader';
import type { HealthReport } from './ports/health';
import type { RobotProtocolReader } from './ports/robot-protocol-reader';
import type { FaultInjector } from './services/fault-injection';
import type { AuditTrail } from './services/identity/audit-trail';
import type { Identity } from './services/identity/identity';
import type { RobotCredentials } from './services/identity/robot-credentials';

export interface AppRuntime {
  fleet: FleetReader;
  map: WarehouseMap;
  health(): Promise<HealthReport>;
  /** VDA 5050 protocol stats, recent messages and factsheets per robot (fleet.protocol / messages / factsheet). */
  protocol: RobotProtocolReader;
  /** The simulated fleet, for fault injection (sim.*); null when SIM_ROBOTS=0. */
  sim: FaultInjector | null;
  /** The command ledger (commands.*). */
  commands: CommandLedger;
  /** Data-flow graph and traces (flow.*, traces.*); null when tracing is off (TRACE_ENABLED=false). */
  flow: FlowReader | null;
  /** Sign-in, sessions and users (auth.*, users.*). */
  identity: Identity;
  /** The append-only audit log (audit.*); procedure tiers record denials in it. */
  audit: AuditTrail;
  /** MQTT credentials of robots (credentials.*). */
  credentials: RobotCredentials;
  /** Alerts and their rules (alerts.*, alertRules.*). */
  alerts: AlertCenter;
  /** The fleet's history (history.fleetAt / range / events / robotSeries, the export endpoint). */
  history: HistoryReader;
  /** history.why: everything around one robot at one moment. */
  incidents: IncidentReader;
  /** VDA 5050 3.0 zone traffic control (zones.*). */
  zones: ZoneTraffic;
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
