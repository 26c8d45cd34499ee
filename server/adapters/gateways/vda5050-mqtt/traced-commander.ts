// A RobotCommander decorator that traces every order and instantActions message (commands are always
// sampled): the send (schema check and MQTT publish, or the refusal), then the robot's acknowledgement when its
// state reflects the message (or the resends giving up). The command ledger can start the trace earlier (click
// → tRPC → ledger) by passing its own context to `sendOrder`/`sendInstantActions` via `withTrace`.
import type { TraceContext } from '../../../domain/flow/hop';
import { nodeId } from '../../../domain/flow/topology';
import type { RobotCommander, Sent, TracedCommander } from '../../../ports/robot-commander';
import type { TraceSink } from '../../../ports/trace-sink';

export type { TracedCommander };

export function traceCommander(
  inner: RobotCommander,
  sink: TraceSink | undefined,
  robotGroup: (robotId: number) => string | undefined,
): TracedCommander {
  let current: TraceContext | null = null;
  const traced = async <M>(robotId: number, subject: 'order' | 'instantActions', send: () => Promise<Sent<M>>): Promise<Sent<M>> => {
    if (!sink) return send();
    const ctx = current ?? sink.start({ kind: 'command', robotId, subject });
    const t0 = sink.now();
    let sent: Sent<M>;
    try {
      sent = await send();
    } catch (err) {
      sink.hop(ctx, {
        node: nodeId.gateway('vda5050-mqtt'),
        operation: 'commander.send',
        startMs: t0,
        endMs: sink.now(),
        outcome: 'error',
        detail: (err as Error).message,
      });
      throw err;
    }
    const t1 = sink.now();
    sink.hop(ctx, {
      node: nodeId.topic(subject),
      operation: 'mqtt.publish',
      startMs: t0,
      endMs: t1,
      outcome: 'ok',
      bytes: JSON.stringify(sent.message).length,
      detail: sent.topic,
    });
    const group = robotGroup(robotId);
    void sent.delivery.then((d) => {
      const ok = d.status === 'acknowledged';
      sink.hop(ctx, {
        node: group ? nodeId.robots(group) : nodeId.topic(subject),
        operation: 'robot.acknowledge',
        startMs: t1,
        endMs: sink.now(),
        outcome: ok ? 'ok' : 'error',
        detail: `${d.status} after ${d.attempts} attempt(s)`,
      });
    });
    return sent;
  };
  return {
    sendOrder: (robotId, order) => traced(robotId, 'order', () => inner.sendOrder(robotId, order)),
    sendInstantActions: (robotId, actions) => traced(robotId, 'instantActions', () => inner.sendInstantActions(robotId, actions)),
    async withTrace(ctx, send) {
      current = ctx;
      try {
        // The context is read synchronously when each send starts.
        const p = send();
        current = null;
        return await p;
      } finally {
        current = null;
      }
    },
    stats: () => inner.stats(),
    stop: () => inner.stop(),
  };
}
