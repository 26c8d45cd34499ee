// In-process MessageBus: delivers each envelope synchronously, in publish order, to every matching subscriber.
// A failing handler is counted and logged; it never stops delivery to the others.
import type { Envelope } from '../../domain/envelope';
import type { BusStats, EnvelopeHandler, MessageBus, Subscription } from '../../ports/message-bus';

interface Sub {
  subject: string;
  prefix: string | null;
  handler: EnvelopeHandler;
  name: string;
}

export function subjectMatches(pattern: string, subject: string): boolean {
  if (pattern === '>') return true;
  if (pattern.endsWith('.>')) return subject.startsWith(pattern.slice(0, -1));
  return pattern === subject;
}

export function createInProcessBus(opts: { onHandlerError?: (name: string, err: unknown) => void } = {}): MessageBus {
  const subs = new Set<Sub>();
  const stats = { published: 0, delivered: 0, handlerErrors: 0, pending: 0 };
  let closed = false;

  const fail = (s: Sub, err: unknown) => {
    stats.handlerErrors++;
    opts.onHandlerError?.(s.name, err);
  };

  return {
    kind: 'in-process',
    publish(env: Envelope) {
      if (closed) throw new Error('bus is closed');
      stats.published++;
      for (const s of subs) {
        if (s.prefix === null ? s.subject !== env.subject : !subjectMatches(s.subject, env.subject)) continue;
        try {
          const r = s.handler(env);
          stats.delivered++;
          if (r && typeof (r as Promise<void>).then === 'function') {
            stats.pending++;
            (r as Promise<void>).then(
              () => void stats.pending--,
              (err: unknown) => {
                stats.pending--;
                fail(s, err);
              },
            );
          }
        } catch (err) {
          fail(s, err);
        }
      }
    },
    subscribe(subject, handler, o = {}): Subscription {
      const s: Sub = { subject, prefix: subject.endsWith('>') ? subject : null, handler, name: o.name ?? subject };
      subs.add(s);
      return { unsubscribe: () => void subs.delete(s) };
    },
    stats: (): BusStats => ({ ...stats, closed }),
    async close() {
      closed = true;
      subs.clear();
    },
  };
}
