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
    if (!e) bySource.set(env.source, (e = rec.edge(env.source, nodeId.subject(env.subject), 'time from the message reaching the app to its bus publish')));
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
      if (!subject.endsWith('>')) meter(subject); // declared up front, so an idle edge still shows
      const wrapped: EnvelopeHandler = (env) => {
        const t0 = performance.now();
        let failed = false;
        try {
          const r = handler(env);
          if (r && typeof (r as Promise<void>).then === 'function') (r as Promise<void>).catch(() => meter(env.subject).error(rec.wallNow()));
          return r;
        } catch (err) {
          failed = true;
          throw err;
        } finally {
          const ms = performance.now() - t0;
          const m = meter(env.subject);
          m.record(rec.wallNow(), 1, 0, ms);
          if (failed) m.error(rec.wallNow());
          if (env.sampled) {
            const end = rec.now();
            rec.hop(ctxOf(env), { node: worker, operation: `${name}.handle`, startMs: end - ms, endMs: end, outcome: failed ? 'error' : 'ok' });
          }
        }
      };
      return bus.subscribe(subject, wrapped, opts);
    },
    stats: () => bus.stats(),
    close: () => bus.close(),
  };
}
