// Reply correlation: follows every robot's `state` and publishes each action's status changes (robot.action) and
// each order's progress and errors (robot.order), once per change however often the robot repeats itself.
import { newEnvelope, type Envelope } from '../domain/envelope';
import { SUBJECTS, type RobotTelemetry } from '../domain/telemetry';
import { PROTOCOL_SUBJECTS } from '../domain/vda5050/protocol-events';
import { correlateState, newCorrelationMemory, type CorrelationMemory } from '../domain/vda5050/state-correlation';
import type { Clock } from '../ports/clock';
import type { MessageBus } from '../ports/message-bus';

export interface RobotProtocolWorker {
  stats(): { actionTransitions: number; orderEvents: number };
  stop(): void;
}

export function createRobotProtocolWorker(deps: { bus: MessageBus; clock: Clock }): RobotProtocolWorker {
  const memory = new Map<number, CorrelationMemory>();
  const counts = { actionTransitions: 0, orderEvents: 0 };

  const emit = (subject: string, env: Envelope, payload: unknown) =>
    deps.bus.publish(
      newEnvelope({
        subject,
        source: 'worker:robot-protocol',
        producedAt: env.producedAt,
        receivedAt: deps.clock.now(),
        traceId: env.traceId,
        parentSpanId: env.id,
        payload,
      }),
    );

  const onState = (env: Envelope) => {
    const t = env.payload as RobotTelemetry;
    if (t.topic !== 'state') return;
    const r = correlateState(t.robotId, memory.get(t.robotId) ?? newCorrelationMemory(), t.message, env.producedAt);
    memory.set(t.robotId, r.memory);
    for (const a of r.actions) emit(PROTOCOL_SUBJECTS.action, env, a);
    for (const o of r.orders) emit(PROTOCOL_SUBJECTS.order, env, o);
    counts.actionTransitions += r.actions.length;
    counts.orderEvents += r.orders.length;
  };

  const sub = deps.bus.subscribe(SUBJECTS.state, onState, { name: 'robot-protocol', delivery: 'this-node' });
  return { stats: () => ({ ...counts }), stop: () => sub.unsubscribe() };
}
