// A MessageBus decorator that meters every publish and delivery on the flow graph (source → subject →
// subscriber edges) and records a hop per stage for sampled envelopes. Works for any bus adapter, so the
// workers stay unaware of tracing.
import type { Envelope } from '../../domain/envelope';
import type { EdgeWindow } from '../../domain/flow/edge-window';
import { traceContextOf as ctxOf } from '../../domain/flow/envelope-context';
import { nodeId } from '../../domain/flow/topology';
import type { EnvelopeHandler, MessageBus } from '../../ports/message-bus';
import type { FlowRecorder } from '../../services/flow/flow-recorder';

export function traceBus(bus: MessageBus, rec: FlowRecorder): MessageBus {
  /** subject → source → edge meter: two map lookups, no string building per message. */
  const publishEdges = new Map<string, Map<string, EdgeWindow>>();
  const publishEdge = (env: Envelope) => {
    let bySource = publishEdges.get(env.subject);
    if (!bySource) publishEdges.set(env.subject, (bySource = new Map()));
    let e = bySource.get(env.source);
    if (!e)
      bySource.set(
        env.source,
        (e = rec.edge(env.source, nodeId.subject(env.subject), 'time from the message reaching the app to its bus publish')),
      );
    return e;
  };
  return {
    get kind() {
      return bus.kind;
    },
    publish(env) {
      const t = rec.wallNow();
      publishEdge(env).record(t, 1, 0, t - env.receivedAt);
      if (env.sampled) {
        const at = rec.now();
        rec.hop(ctxOf(env), { node: nodeId.subject(env.subject), operation: 'bus.publish', startMs: at, endMs: at, outcome: 'ok' });
      }
      bus.publish(env);
    },
    subscribe(subject, handler, opts = {}) {
      const name = opts.name ?? subject;
      const worker = nodeId.worker(name);
      const meters = new Map<string, EdgeWindow>();
      const meter = (s: string) => {
        let m = meters.get(s);
        if (!m) meters.set(s, (m = rec.edge(nodeId.subject(s), worker, 'handler time per message')));
        return m;
      };
      // An exact subject has one meter, resolved once; only wildcard subscriptions look one up per message.
      const exact = subject.endsWith('>') ? null : meter(subject);
      const origin = performance.timeOrigin;
      const wrapped: EnvelopeHandler = (env) => {
        const t0 = performance.now();
        let failed = true;
        try {
          const r = handler(env);
          failed = false;
          if (r && typeof (r as Promise<void>).then === 'function')
            (r as Promise<void>).catch(() => meter(env.subject).error(rec.wallNow()));
          return r;
        } finally {
          const t1 = performance.now();
          const m = exact ?? meter(env.subject);
          // Wall time from the same reading: one clock call per delivery.
          m.record(origin + t1, 1, 0, t1 - t0);
          if (failed) m.error(origin + t1);
          if (env.sampled)
            rec.hop(ctxOf(env), {
              node: worker,
              operation: `${name}.handle`,
              startMs: origin + t0,
              endMs: origin + t1,
              outcome: failed ? 'error' : 'ok',
            });
        }
      };
      return bus.subscribe(subject, wrapped, opts);
    },
    stats: () => bus.stats(),
    close: () => bus.close(),
  };
}
