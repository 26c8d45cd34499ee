// A fleet of simulated robots driven by ONE shared timer. The sim period is cut into slots and each robot belongs
// to one slot, so 2,000 robots at 10 Hz publish as a steady stream rather than one burst per period.
import type { IClientOptions } from 'mqtt';
import { createSchemaValidator } from '../protocol/schema-validator';
import { createRoutePlanner } from '../domain/route-planner';
import type { WarehouseMap } from '../domain/warehouse-map';
import { createPrng, deriveSeed } from './prng';
import { createRobotState } from './robot-behaviour';
import { DEFAULT_BEHAVIOUR, type BehaviourConfig } from './behaviour-config';
import type { SupportedAction } from './action-ledger';
import { DEFAULT_AGV_CONFIG, type AgvConfig, type AutonomousPolicy } from './agv-model';
import type { Fault, FaultKind } from './faults';
import { SimRobot, type PublishCounters } from './sim-robot';
import { startPositions } from './start-positions';

export interface FleetOptions {
  brokerUrl: string;
  iface: string;
  robots: number;
  hz: number;
  seed: number;
  map: WarehouseMap;
  manufacturer?: string;
  /** Serial numbers are `${serialPrefix}${index padded to 4}`; default "SIM-". */
  serialPrefix?: string;
  /** Index of the first robot (default 1), so several fleets can share one site without clashing. */
  startIndex?: number;
  clientOptions?: IClientOptions;
  logger?: (msg: string) => void;
  /** Overrides of the behaviour tuning (battery rates, incident rates…). */
  behaviour?: Partial<BehaviourConfig>;
  /** When robots pick their own tasks: 'whenIdle' (default) resumes them after `idleResumeSec` without orders. */
  autonomous?: AutonomousPolicy;
  /** Seconds without an order or control action before own tasks resume under 'whenIdle' (default 60). */
  idleResumeSec?: number;
  /** Action types the robots support and advertise in their factsheet (default DEFAULT_AGV_ACTIONS). */
  agvActions?: SupportedAction[];
  /** Per-robot overrides, e.g. a robot that does not support startCharging. */
  perRobot?: (serialNumber: string, index: number) => Partial<AgvConfig> | undefined;
  /** Validate incoming order/instantActions against the official schemas (default true). */
  validateInbound?: boolean;
  /** Share of the robots that speak VDA 5050 3.0 instead of 2.0, spread evenly over the fleet (default 0). */
  v3Share?: number;
}

/** Whether robot `index` (1-based) speaks 3.0 when `share` of the fleet does: every 1/share-th robot. */
export function speaksV3(index: number, share: number): boolean {
  return share > 0 && Math.floor(index * share) > Math.floor((index - 1) * share);
}

/** Action executions per serial number, by actionType, plus 'order' for accepted orders and order updates. */
export type Executions = Record<string, Record<string, number>>;

export interface SimFleet {
  robots: { manufacturer: string; serialNumber: string }[];
  /** Resolves once every robot has connected at least once. */
  ready: Promise<void>;
  /** clean (default): OFFLINE then disconnect after in-flight publishes; otherwise drop sockets so wills fire. */
  stop(opts?: { clean?: boolean }): Promise<void>;
  /** Drops one robot's socket abruptly (no DISCONNECT, no reconnect); false if unknown. */
  kill(serialNumber: string): boolean;
  published(): PublishCounters;
  executions(): Executions;
  /** Injects a fault into one robot (replacing an active one of the same kind); throws for an unknown serial. */
  injectFault(serialNumber: string, fault: Fault): void;
  /** Clears one kind of fault, or all of them; returns what was cleared. */
  clearFault(serialNumber: string, kind?: FaultKind): Fault[];
  /** Active faults per serial number (robots without faults are left out). */
  faults(): Record<string, Fault[]>;
}

const TARGET_SLOT_MS = 10;
const CONNECT_BATCH = 50;
const CONNECT_BATCH_GAP_MS = 25;

export async function startFleet(opts: FleetOptions): Promise<SimFleet> {
  if (!Number.isInteger(opts.robots) || opts.robots < 0) throw new Error(`robots must be a non-negative integer, got ${opts.robots}`);
  if (!(opts.hz > 0 && opts.hz <= 100)) throw new Error(`hz must be in (0, 100], got ${opts.hz}`);
  const manufacturer = opts.manufacturer ?? 'SimRobotics';
  const prefix = opts.serialPrefix ?? 'SIM-';
  const first = opts.startIndex ?? 1;
  const ctx = { planner: createRoutePlanner(opts.map), config: { ...DEFAULT_BEHAVIOUR, ...opts.behaviour } };
  const agv: AgvConfig = {
    ...DEFAULT_AGV_CONFIG,
    ...(opts.autonomous && { autonomous: opts.autonomous }),
    ...(opts.idleResumeSec !== undefined && { idleResumeSec: opts.idleResumeSec }),
    ...(opts.agvActions && { agvActions: opts.agvActions }),
  };
  // Compiled once per fleet: compiling the schemas per robot would dominate start-up at fleet scale.
  const validator = opts.validateInbound === false ? undefined : createSchemaValidator();
  const counters: PublishCounters = { visualization: 0, state: 0, total: 0, bySerial: {} };
  const poses = startPositions(opts.map, first - 1 + opts.robots, opts.seed).slice(Math.max(0, first - 1));

  const robots = poses.map((pose, i) => {
    const index = first + i;
    // Seeded by index, so a robot behaves the same whatever fleet it is started in.
    const robotSeed = deriveSeed(opts.seed, index);
    const battery = createPrng(robotSeed ^ 0xba77).range(35, 100);
    const serialNumber = `${prefix}${String(index).padStart(4, '0')}`;
    const own = opts.perRobot?.(serialNumber, index);
    return new SimRobot({
      brokerUrl: opts.brokerUrl,
      iface: opts.iface,
      manufacturer,
      serialNumber,
      hz: opts.hz,
      initial: createRobotState(robotSeed, pose, battery),
      ctx: { ...ctx, agv: own ? { ...agv, ...own } : agv },
      counters,
      faultSeed: robotSeed ^ 0xfa17,
      protocol: speaksV3(index, opts.v3Share ?? 0) ? '3.0' : '2.0',
      ...(validator && { validator }),
      ...(opts.clientOptions && { clientOptions: opts.clientOptions }),
      ...(opts.logger && { logger: opts.logger }),
    });
  });
  const bySerial = new Map(robots.map((r) => [r.serialNumber, r]));

  // Connect in small batches: thousands of simultaneous CONNECTs overwhelm a local broker's accept queue.
  let connectTimer: NodeJS.Timeout | undefined;
  const connectFrom = (start: number): void => {
    for (const r of robots.slice(start, start + CONNECT_BATCH)) r.connect();
    if (start + CONNECT_BATCH < robots.length) connectTimer = setTimeout(() => connectFrom(start + CONNECT_BATCH), CONNECT_BATCH_GAP_MS);
  };
  connectFrom(0);

  const periodMs = 1000 / opts.hz;
  const slots = Math.max(1, Math.round(periodMs / TARGET_SLOT_MS));
  const slotMs = periodMs / slots;
  const dt = 1 / opts.hz;
  const bySlot: SimRobot[][] = Array.from({ length: slots }, () => []);
  robots.forEach((r, i) => bySlot[i % slots]!.push(r));
  // Wall-clock only paces the timer; simulated time advances by exactly dt per robot step.
  const startedAt = performance.now();
  let slotsDone = 0;
  const timer = setInterval(() => {
    const due = Math.floor((performance.now() - startedAt) / slotMs);
    // After a stall, skip what is more than one period behind instead of replaying it in one burst.
    if (due - slotsDone > slots) slotsDone = due - slots;
    if (slotsDone >= due) return;
    const timestamp = new Date().toISOString(); // one per timer fire: robots in it publish within the same ms or so
    for (; slotsDone < due; slotsDone++) {
      for (const r of bySlot[slotsDone % slots]!) r.step(dt, timestamp);
    }
  }, slotMs);

  const robot = (serialNumber: string): SimRobot => {
    const r = bySerial.get(serialNumber);
    if (!r) throw new Error(`no simulated robot with serial number ${serialNumber}`);
    return r;
  };

  let stopping: Promise<void> | null = null;
  return {
    robots: robots.map((r) => ({ manufacturer: r.manufacturer, serialNumber: r.serialNumber })),
    ready: Promise.all(robots.map((r) => r.ready)).then(() => undefined),
    stop({ clean = true } = {}) {
      stopping ??= (async () => {
        clearInterval(timer);
        clearTimeout(connectTimer);
        await Promise.all(robots.map((r) => r.stop(clean)));
        opts.logger?.(`fleet stopped (${clean ? 'clean' : 'abrupt'})`);
      })();
      return stopping;
    },
    kill(serialNumber) {
      const robot = bySerial.get(serialNumber);
      if (!robot) return false;
      robot.kill();
      return true;
    },
    published: () => ({ ...counters, bySerial: { ...counters.bySerial } }),
    executions: () => Object.fromEntries(robots.map((r) => [r.serialNumber, r.executions()])),
    injectFault: (serialNumber, fault) => robot(serialNumber).injectFault(fault),
    clearFault: (serialNumber, kind) => robot(serialNumber).clearFault(kind),
    faults() {
      const out: Record<string, Fault[]> = {};
      for (const r of robots) {
        const list = r.faults.list();
        if (list.length > 0) out[r.serialNumber] = list;
      }
      return out;
    },
  };
}
