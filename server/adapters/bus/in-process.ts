// In-process MessageBus: delivers each envelope synchronously, in publish order, to every matching subscriber.
// A failing handler is counted and logged; it never stops delivery to the others. Subscribers that share a name
// with `one-node` delivery form a group that takes turns (what a shared consumer on a networked bus does); alone,
// such a subscriber gets every message as any other.
import type { Envelope } from '../../domain/envelope';
import type { BusStats, EnvelopeHandler, MessageBus, Subscription } from '../../ports/message-bus';

interface Sub {
  subject: string;
  prefix: string | null;
  handler: EnvelopeHandler;
  name: string;
  /** Shared by the one-node subscribers of one name and subject; null for every-node. */
  group: Group | null;
}

interface Group {
  members: Sub[];
  next: number;
  /** The publish that this group's turn was last taken by. */
  taken: number;
}

export function subjectMatches(pattern: string, subject: string): boolean {
  if (pattern === '>') return true;
  if (pattern.endsWith('.>')) return subject.startsWith(pattern.slice(0, -1));
  return pattern === subject;
}

export function createInProcessBus(opts: { onHandlerError?: (name: string, err: unknown) => void } = {}): MessageBus {
  const subs = new Set<Sub>();
  const groups = new Map<string, Group>();
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
      const seq = ++stats.published;
      for (const s of subs) {
        if (s.prefix === null ? s.subject !== env.subject : !subjectMatches(s.subject, env.subject)) continue;
        const g = s.group;
        if (g) {
          // One member of the group per message, in turns.
          if (g.taken === seq || g.members[g.next % g.members.length] !== s) continue;
          g.taken = seq;
          g.next++;
        }
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
      const name = o.name ?? subject;
      // Every message on this bus was published by this process: no other process's reach it.
      if (o.delivery === 'other-nodes') return { unsubscribe() {} };
      const s: Sub = { subject, prefix: subject.endsWith('>') ? subject : null, handler, name, group: null };
      // `this-node` is every-node here: every message on this bus was published by this process.
      if (o.delivery === 'one-node') {
        const key = `${name}\u0000${subject}`;
        let g = groups.get(key);
        if (!g) groups.set(key, (g = { members: [], next: 0, taken: 0 }));
        g.members.push(s);
        s.group = g;
      }
      subs.add(s);
      return {
        unsubscribe: () => {
          subs.delete(s);
          const g = s.group;
          if (!g) return;
          g.members.splice(g.members.indexOf(s), 1);
          if (g.members.length === 0) groups.delete(`${name}\u0000${subject}`);
        },
      };
    },
    stats: (): BusStats => ({ ...stats, closed }),
    async close() {
      closed = true;
      subs.clear();
      groups.clear();
    },
  };
}
