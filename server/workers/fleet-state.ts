// State store: the latest merged view of every robot, kept in memory from the bus. It remembers which robots
// changed since the last fan-out tick, and announces discrete robot events on the bus for the ingest worker.
import { newEnvelope, type Envelope } from '../domain/envelope';
import { createEventRateLimiter } from '../domain/event-rate-limit';
import type { RobotView } from '../domain/robot';
import {
  mergeConnection,
  mergeSilence,
  mergeState,
  mergeVisualization,
  moveInPlace,
  newRobotView,
  type MergeResult,
} from '../domain/robot-merge';
import { SUBJECTS, type RobotTelemetry } from '../domain/telemetry';
import { PROTOCOL_SUBJECTS, type RobotSilence } from '../domain/vda5050/protocol-events';
import type { Clock } from '../ports/clock';
import type { MessageBus } from '../ports/message-bus';
import type { FleetReader } from '../ports/fleet-reader';
import type { RobotRegistry } from '../services/robot-registry';

export const ROBOT_EVENT_SUBJECT = 'robot.event';

export interface RobotEventPayload {
  robotId: number;
  ts: number;
  kind: string;
  detail: Record<string, unknown>;
}

export interface FleetChanges {
  /** Flat [id, x, y, theta, speed, producedAt, ...] of robots that reported a pose since the last call. */
  poses: number[];
  robots: RobotView[];
  /** Poses in `poses` that came from sampled messages, with when the store applied them. */
  traced: TracedChange[];
  /** Sampled poses replaced by a newer one before a frame carried them (their trace ends here). */
  superseded: TracedChange[];
}

export interface TracedChange {
  robotId: number;
  traceId: string;
  subject: string;
  /** Precise epoch ms when the store applied the pose. */
  at: number;
}

export interface FleetStateStore extends FleetReader {
  takeChanges(): FleetChanges;
  stop(): void;
}

export function createFleetStateStore(deps: {
  bus: MessageBus;
  registry: RobotRegistry;
  clock: Clock;
  preciseNow?: () => number;
}): FleetStateStore {
  const views = new Map<number, RobotView>();
  /** Robots whose pending pose came from a sampled message; empty unless tracing samples something. */
  const poseTraces = new Map<number, TracedChange>();
  let superseded: TracedChange[] = [];
  const preciseNow = deps.preciseNow ?? (() => performance.timeOrigin + performance.now());
  /** Robots that reported a pose since the last tick → the robot timestamp of that pose. */
  const poseDirty = new Map<number, number>();
  const viewDirty = new Set<number>();

  for (const r of deps.registry.all()) {
    views.set(r.id, { ...newRobotView(r.id, r.manufacturer, r.serialNumber, r.name), lastSeenAt: r.lastSeenAt?.getTime() ?? null });
  }
  deps.registry.onRegistered((r) => {
    if (views.has(r.id)) return;
    views.set(r.id, newRobotView(r.id, r.manufacturer, r.serialNumber, r.name));
    viewDirty.add(r.id);
  });

  // A robot flipping its state (errors, connection, pause) cannot flood the timeline: at most 30 events per kind
  // and minute; the refused ones are counted on the next event that passes (history slices resync the rest).
  const limiter = createEventRateLimiter({ windowMs: 60_000, burst: 30 });
  const publishEvents = (robotId: number, env: Envelope, r: MergeResult) => {
    for (const [i, e] of r.events.entries()) {
      const a = limiter.admit(robotId, e.kind, deps.clock.now());
      if (!a.ok) continue;
      const detail = a.suppressed > 0 ? { ...e.detail, suppressed: a.suppressed } : e.detail;
      const payload: RobotEventPayload = { robotId, ts: env.producedAt, kind: e.kind, detail };
      deps.bus.publish({
        ...newEnvelope({
          subject: ROBOT_EVENT_SUBJECT,
          source: 'worker:fleet-state',
          producedAt: env.producedAt,
          receivedAt: deps.clock.now(),
          traceId: env.traceId,
          parentSpanId: env.id,
          payload,
        }),
        // In a cluster every node's store merges the same message into the same events: an id derived from the
        // message lets a networked bus store each event once (JetStream deduplicates by envelope id), not per node.
        id: `${env.id}.${i}`,
      });
    }
  };

  /** The liveness worker's verdict on a robot that went quiet without a last will. */
  const handleSilence = (env: Envelope) => {
    const s = env.payload as RobotSilence;
    const prev = views.get(s.robotId);
    if (!prev) return;
    const r = mergeSilence(prev, s);
    views.set(s.robotId, r.view);
    if (r.viewChanged) viewDirty.add(s.robotId);
    publishEvents(s.robotId, env, r);
  };

  /** A pose to send on the next tick; a newer pose of the same robot supersedes a sampled one not yet sent. */
  const poseMoved = (robotId: number, env: Envelope) => {
    poseDirty.set(robotId, env.producedAt);
    const older = poseTraces.size > 0 ? poseTraces.get(robotId) : undefined;
    if (older) {
      superseded.push(older);
      poseTraces.delete(robotId);
    }
    if (env.sampled) poseTraces.set(robotId, { robotId, traceId: env.traceId, subject: env.subject, at: preciseNow() });
  };

  /** Per robot and topic, when the newest message applied was received by its gateway. */
  const newestAt = new Map<number, Partial<Record<RobotTelemetry['topic'], number>>>();

  const handle = (env: Envelope) => {
    const t = env.payload as RobotTelemetry;
    // After a bus outage another node's retried publishes arrive seconds late and out of order: one received before
    // the newest applied message of its robot and topic would turn the view (pause, errors, lastSeenAt) back in time.
    let newest = newestAt.get(t.robotId);
    if (!newest) newestAt.set(t.robotId, (newest = {}));
    if (env.receivedAt < (newest[t.topic] ?? Number.NEGATIVE_INFINITY)) return;
    newest[t.topic] = env.receivedAt;
    const known = views.get(t.robotId);
    // Topics travel apart (poses on a plain subject, states through JetStream): a state received a millisecond before
    // the pose applied last may come after it. Last seen never goes back.
    const at = Math.max(env.receivedAt, known?.lastSeenAt ?? Number.NEGATIVE_INFINITY);
    if (known && t.topic === 'visualization' && moveInPlace(known, t.message, at)) return poseMoved(t.robotId, env);
    const prev = known ?? newRobotView(t.robotId, t.manufacturer, t.serialNumber);
    let r: MergeResult;
    switch (t.topic) {
      case 'visualization':
        r = mergeVisualization(prev, t.message, at);
        break;
      case 'state':
        r = mergeState(prev, t.message, at);
        break;
      case 'connection':
        r = mergeConnection(prev, t.message, at);
        break;
      default:
        return; // factsheets do not change the live view
    }
    views.set(t.robotId, r.view);
    if (r.poseChanged) poseMoved(t.robotId, env);
    if (r.viewChanged || !known) viewDirty.add(t.robotId);
    publishEvents(t.robotId, env, r);
  };

  const subs = [SUBJECTS.visualization, SUBJECTS.state, SUBJECTS.connection].map((s) =>
    deps.bus.subscribe(s, handle, { name: 'fleet-state' }),
  );
  subs.push(deps.bus.subscribe(PROTOCOL_SUBJECTS.liveness, handleSilence, { name: 'fleet-state' }));

  return {
    list: () => [...views.values()].sort((a, b) => a.id - b.id),
    get: (id) => views.get(id),
    takeChanges() {
      const poses: number[] = [];
      for (const [id, producedAt] of poseDirty) {
        const v = views.get(id);
        if (v?.pose) poses.push(id, v.pose.x, v.pose.y, v.pose.theta, v.speed, producedAt);
      }
      const robots: RobotView[] = [];
      for (const id of viewDirty) {
        const v = views.get(id);
        if (v) robots.push(v);
      }
      poseDirty.clear();
      viewDirty.clear();
      const traced = poseTraces.size > 0 ? [...poseTraces.values()] : [];
      poseTraces.clear();
      const gone = superseded;
      superseded = [];
      return { poses, robots, traced, superseded: gone };
    },
    stop: () => subs.forEach((s) => s.unsubscribe()),
  };
}
