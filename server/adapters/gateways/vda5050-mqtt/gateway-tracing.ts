// What the VDA 5050 gateway reports to the flow recorder: per message, the robot group → topic edge (latency
// from the robot's header timestamp to arrival, bytes, header-gap losses) and topic → gateway edge (validation
// time, rejections); the sampling decision; and for sampled messages the first hops of their trace.
import type { Envelope } from '../../../domain/envelope';
import type { EdgeWindow } from '../../../domain/flow/edge-window';
import { nodeId } from '../../../domain/flow/topology';
import type { FlowRecorder } from '../../../services/flow/flow-recorder';

/** Precise times of a sampled message's arrival and the end of its validation. */
export interface RxTrace {
  t0: number;
  t1: number;
}

export interface GatewayTracing {
  /** Precise time at arrival (0 without a recorder). */
  rxStart(): number;
  rejected(topic: string, manufacturer: string | null, size: number, t0: number, reason: string): void;
  /** Meters an accepted message; returns its hop times when it is sampled, else null. */
  accepted(manufacturer: string, topic: string, size: number, producedAt: number, receivedAt: number, t0: number): RxTrace | null;
  lost(manufacturer: string, topic: string, n: number): void;
  published(env: Envelope, manufacturer: string, topic: string, size: number, rx: RxTrace): void;
}

export function createGatewayTracing(rec: FlowRecorder | undefined, gatewayName: string): GatewayTracing {
  if (!rec) return { rxStart: () => 0, rejected() {}, accepted: () => null, lost() {}, published() {} };
  const gw = nodeId.gateway(gatewayName);
  const topicEdges = new Map<string, EdgeWindow>();
  const robotEdges = new Map<string, Map<string, EdgeWindow>>();
  const topicEdge = (topic: string) => {
    let e = topicEdges.get(topic);
    if (!e) topicEdges.set(topic, (e = rec.edge(nodeId.topic(topic), gw, 'schema validation time')));
    return e;
  };
  const robotEdge = (manufacturer: string, topic: string) => {
    let byTopic = robotEdges.get(manufacturer);
    if (!byTopic) robotEdges.set(manufacturer, (byTopic = new Map()));
    let e = byTopic.get(topic);
    if (!e)
      byTopic.set(
        topic,
        (e = rec.edge(nodeId.robots(manufacturer), nodeId.topic(topic), 'robot header timestamp → arrival at the gateway (MQTT transit)')),
      );
    return e;
  };

  return {
    rxStart: () => rec.now(),
    rejected(topic, manufacturer, size, t0, reason) {
      const short = topic.slice(topic.lastIndexOf('/') + 1);
      const wall = rec.wallNow();
      const e = topicEdge(short);
      e.record(wall, 1, size, rec.now() - t0);
      e.error(wall);
      // Every error is traced.
      const ctx = rec.start({ kind: 'telemetry', robotId: null, subject: `rejected:${short}` });
      const t1 = rec.now();
      if (manufacturer)
        rec.hop(ctx, {
          node: nodeId.robots(manufacturer),
          operation: 'robot.publish',
          startMs: t0,
          endMs: t0,
          outcome: 'ok',
          bytes: size,
          detail: topic,
        });
      rec.hop(ctx, { node: gw, operation: 'gateway.validate', startMs: t0, endMs: t1, outcome: 'error', bytes: size, detail: reason });
    },
    accepted(manufacturer, topic, size, producedAt, receivedAt, t0) {
      const t1 = rec.now();
      const wall = rec.wallNow();
      robotEdge(manufacturer, topic).record(wall, 1, size, receivedAt - producedAt);
      topicEdge(topic).record(wall, 1, size, t1 - t0);
      return rec.sample() ? { t0, t1 } : null;
    },
    lost(manufacturer, topic, n) {
      robotEdge(manufacturer, topic).drop(rec.wallNow(), n);
    },
    published(env, manufacturer, topic, size, rx) {
      const robotId = (env.payload as { robotId: number }).robotId;
      const ctx = { traceId: env.traceId, kind: 'telemetry' as const, robotId, subject: env.subject };
      rec.hop(ctx, {
        node: nodeId.robots(manufacturer),
        operation: 'robot.publish',
        startMs: env.producedAt,
        endMs: env.producedAt,
        outcome: 'ok',
        bytes: size,
      });
      rec.hop(ctx, {
        node: nodeId.topic(topic),
        operation: 'mqtt.deliver',
        startMs: env.producedAt,
        endMs: rx.t0,
        outcome: 'ok',
        bytes: size,
      });
      rec.hop(ctx, { node: gw, operation: 'gateway.validate', startMs: rx.t0, endMs: rx.t1, outcome: 'ok', bytes: size });
    },
  };
}
