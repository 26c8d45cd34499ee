// Event recorder: the timeline events that the state store's merge does not emit, published on robot.event for the
// ingest worker to store like the others. From the bus: driving and battery thresholds (robot.state), orders and
// actions (the robot-protocol worker's robot.order / robot.action). Polled: the gateway's protocol counters
// (invalid messages, headerId gaps) and the simulator's injected faults. Every event passes a per-(robot, kind)
// rate limit and has a bounded detail, so a robot that floods or lies cannot flood the table.
import { boundDetail } from '../domain/event-detail-bounds';
import { createEventRateLimiter } from '../domain/event-rate-limit';
import { BoundedMap } from '../domain/bounded-map';
import { newEnvelope, type Envelope } from '../domain/envelope';
import type { Fault } from '../domain/faults';
import { robotKey } from '../domain/robot';
import {
  actionEvent,
  counterGrowth,
  diffFaults,
  diffState,
  faultMemoryOf,
  newOrderMemory,
  orderEvent,
  type FaultMemory,
  type OrderMemory,
  type ProtocolCounters,
  type RecordedEvent,
  type StateMemory,
} from '../domain/robot-events';
import { SUBJECTS, type RobotTelemetry } from '../domain/telemetry';
import { PROTOCOL_SUBJECTS, type RobotActionTransition, type RobotOrderEvent } from '../domain/vda5050/protocol-events';
import type { Clock } from '../ports/clock';
import type { FleetReader } from '../ports/fleet-reader';
import type { Logger } from '../ports/logger';
import type { MessageBus } from '../ports/message-bus';
import type { RobotProtocolReader } from '../ports/robot-protocol-reader';
import { ROBOT_EVENT_SUBJECT, type RobotEventPayload } from './fleet-state';

/** The simulator's fault book (server/sim/fleet.ts), keyed by serial number. */
export interface FaultSource {
  robots: readonly { manufacturer: string; serialNumber: string }[];
  faults(): Record<string, Fault[]>;
}

export interface EventRecorderOptions {
  /** How often protocol counters and faults are looked at. */
  pollMs?: number;
  /** At most one protocol_violation and one header_gap per robot in this window, carrying a count. */
  protocolWindowMs?: number;
  /** Other kinds: at most `burst` per robot and kind in `windowMs`; the refused are counted on the next one. */
  windowMs?: number;
  burst?: number;
  /**
   * At most one node_reached per robot in this window (its `suppressed` says how many nodes passed unrecorded).
   * A driving robot passes a node every few seconds: stored each, nodes alone were 2/3 of all events and half the
   * database budget per robot-hour; poses are in the telemetry slices, the order's end names its last node.
   */
  nodeWindowMs?: number;
  maxRobots?: number;
}

export interface EventRecorder {
  /** Events published; refused by the per-kind limit (a flood); node_reached left out by design. */
  stats(): { published: number; refused: number; nodesSkipped: number };
  /** One poll now (tests). */
  poll(): void;
  stop(): void;
}

export function createEventRecorder(
  deps: {
    bus: MessageBus;
    clock: Clock;
    logger: Logger;
    fleet: FleetReader;
    protocol?: Pick<RobotProtocolReader, 'stats'> | null;
    /** Read lazily: the simulator starts after the history module. */
    faults?: () => FaultSource | null;
  },
  o: EventRecorderOptions = {},
): EventRecorder {
  const log = deps.logger.child({ component: 'worker:event-recorder' });
  const maxRobots = o.maxRobots ?? 20_000;
  const protocolLimit = createEventRateLimiter({ windowMs: o.protocolWindowMs ?? 10_000, burst: 1, maxKeys: maxRobots * 2 });
  const limit = createEventRateLimiter({ windowMs: o.windowMs ?? 60_000, burst: o.burst ?? 30, maxKeys: maxRobots * 8 });
  const nodeLimit = createEventRateLimiter({ windowMs: o.nodeWindowMs ?? 60_000, burst: 1, maxKeys: maxRobots });
  const states = new BoundedMap<number, StateMemory>(maxRobots);
  const orders = new BoundedMap<number, OrderMemory>(maxRobots);
  const counters = new BoundedMap<number, ProtocolCounters>(maxRobots);
  /** Protocol trouble seen but not yet stored (the robot's window is closed): counts add up until it opens. */
  const pending = new BoundedMap<number, { invalid: number; gaps: number; lost: number }>(maxRobots);
  const faults = new Map<string, FaultMemory>();
  let firstPoll = true;
  let published = 0;

  const publish = (robotId: number, ts: number, e: RecordedEvent, cause?: Envelope) => {
    const a = (e.kind === 'node_reached' ? nodeLimit : limit).admit(robotId, e.kind, deps.clock.now());
    if (!a.ok) return;
    const detail = boundDetail(a.suppressed > 0 ? { ...e.detail, suppressed: a.suppressed } : e.detail);
    emit({ robotId, ts, kind: e.kind, detail }, cause);
  };

  const emit = (payload: RobotEventPayload, cause?: Envelope) => {
    published++;
    deps.bus.publish(
      newEnvelope({
        subject: ROBOT_EVENT_SUBJECT,
        source: 'worker:event-recorder',
        producedAt: payload.ts,
        receivedAt: deps.clock.now(),
        traceId: cause?.traceId,
        parentSpanId: cause?.id ?? null,
        payload,
      }),
    );
  };

  const onState = (env: Envelope) => {
    const t = env.payload as RobotTelemetry;
    if (t.topic !== 'state') return;
    const m = t.message;
    const r = diffState(states.peek(t.robotId), {
      driving: m.driving,
      batteryCharge: m.batteryState.batteryCharge,
      charging: m.batteryState.charging,
    });
    states.set(t.robotId, r.memory);
    for (const e of r.events) publish(t.robotId, env.producedAt, e, env);
  };

  const onAction = (env: Envelope) => {
    const a = env.payload as RobotActionTransition;
    const r = actionEvent(orders.peek(a.robotId) ?? newOrderMemory(), a);
    orders.set(a.robotId, r.memory);
    for (const e of r.events) publish(a.robotId, a.ts, e, env);
  };

  const onOrder = (env: Envelope) => {
    const ev = env.payload as RobotOrderEvent;
    const r = orderEvent(orders.peek(ev.robotId) ?? newOrderMemory(), ev);
    orders.set(ev.robotId, r.memory);
    for (const e of r.events) publish(ev.robotId, ev.ts, e, env);
  };

  const pollProtocol = (now: number) => {
    const reader = deps.protocol;
    if (!reader) return;
    for (const robot of deps.fleet.list()) {
      const s = reader.stats(robot.id);
      if (!s) continue;
      const c = { invalid: s.invalid, headerGaps: s.headerGaps, lostMessages: s.lostMessages };
      const known = counters.peek(robot.id);
      counters.set(robot.id, c);
      // Counters present when the recorder starts are not news; a robot first seen later starts from zero.
      if (!known && firstPoll) continue;
      const g = counterGrowth(known, c);
      const p = pending.peek(robot.id) ?? { invalid: 0, gaps: 0, lost: 0 };
      if (g.invalid === 0 && g.headerGaps === 0 && p.invalid === 0 && p.gaps === 0) continue;
      p.invalid += g.invalid;
      p.gaps += g.headerGaps;
      p.lost += g.lostMessages;
      if (p.invalid > 0 && protocolLimit.admit(robot.id, 'protocol_violation', now).ok) {
        const v = s.lastViolation;
        emit({
          robotId: robot.id,
          ts: v?.at ?? now,
          kind: 'protocol_violation',
          detail: boundDetail({ count: p.invalid, topic: v?.topic, path: v?.path, reason: v?.reason }),
        });
        p.invalid = 0;
      }
      if (p.gaps > 0 && protocolLimit.admit(robot.id, 'header_gap', now).ok) {
        emit({ robotId: robot.id, ts: now, kind: 'header_gap', detail: { count: p.gaps, lost: p.lost } });
        p.gaps = 0;
        p.lost = 0;
      }
      pending.set(robot.id, p);
    }
  };

  const pollFaults = (now: number) => {
    const sim = deps.faults?.();
    if (!sim) return;
    const active = sim.faults();
    const serials = new Set([...faults.keys(), ...Object.keys(active)]);
    if (serials.size === 0) return;
    const manufacturers = new Map(sim.robots.map((r) => [r.serialNumber, r.manufacturer]));
    const ids = new Map(deps.fleet.list().map((r) => [robotKey(r.manufacturer, r.serialNumber), r.id]));
    for (const serial of serials) {
      const list = active[serial] ?? [];
      const before = faults.get(serial) ?? new Map();
      const events = diffFaults(before, list);
      if (events.length === 0) continue;
      const robotId = ids.get(robotKey(manufacturers.get(serial) ?? '', serial));
      if (robotId === undefined) continue; // not (yet) in the fleet: looked at again on the next poll
      if (list.length === 0) faults.delete(serial);
      else faults.set(serial, faultMemoryOf(list));
      for (const e of events) publish(robotId, now, e);
    }
  };

  const poll = () => {
    const now = deps.clock.now();
    try {
      pollProtocol(now);
      pollFaults(now);
    } catch (e) {
      log.warn({ err: e }, 'event recorder poll failed; trying again on the next one');
    }
    firstPoll = false;
  };

  const subs = [
    deps.bus.subscribe(SUBJECTS.state, onState, { name: 'event-recorder', delivery: 'this-node' }),
    deps.bus.subscribe(PROTOCOL_SUBJECTS.action, onAction, { name: 'event-recorder', delivery: 'this-node' }),
    deps.bus.subscribe(PROTOCOL_SUBJECTS.order, onOrder, { name: 'event-recorder', delivery: 'this-node' }),
  ];
  const timer = setInterval(poll, o.pollMs ?? 1000);
  timer.unref();
  return {
    stats: () => ({ published, refused: limit.refused(), nodesSkipped: nodeLimit.refused() }),
    poll,
    stop() {
      clearInterval(timer);
      for (const s of subs) s.unsubscribe();
    },
  };
}
