// The gateways' protocol books, readable from every node of a cluster. Each gateway keeps the book (stats, recent
// messages, conformance verdicts) of the robots it owns only; this relay
// - publishes, every second, the stats of the owned robots that changed (and all of them every `fullEveryMs`, for
//   nodes that joined since), batched, on CLUSTER_SUBJECTS.protocolStats; every node keeps a bounded mirror of them;
// - asks, for the recent messages or the conformance of a robot this node's book lacks, on protocolAsk; the gateway
//   whose book has the robot (and that owns it) answers on protocolAnswer; no answer within `timeoutMs` is empty.
// All three subjects are live (composition/bus.ts): a lost message costs one second of staleness or one empty answer.
import { CLUSTER_SUBJECTS } from '../../domain/cluster/cluster-subjects';
import { newEnvelope } from '../../domain/envelope';
import { createThrottle } from '../../domain/log-bounds';
import { randomHex } from '../../domain/random-hex';
import type { RuleResult } from '../../domain/vda5050/conformance';
import type { Clock } from '../../ports/clock';
import type { Logger } from '../../ports/logger';
import type { MessageBus } from '../../ports/message-bus';
import type { RecentMessage, RobotProtocolStats } from '../../ports/robot-protocol-reader';
import {
  type AskWhat,
  answerOf,
  askOf,
  type ConformanceAnswer,
  clampLimit,
  MAX_STATS_PER_MESSAGE,
  type ProtocolAnswer,
  type ProtocolAsk,
  type StatsBatch,
  statsBatchOf,
  statsOf,
} from './protocol-relay-messages';

/** A gateway's book, as the relay reads it (the gateway's ProtocolMonitor). */
export interface RelayedBook {
  stats(robot: string): RobotProtocolStats | undefined;
  messages(robot: string, limit: number): RecentMessage[];
  conformance(robot: string, now: number): RuleResult[] | undefined;
  takeChanged(): string[];
  robots(): string[];
}

/** What the robot protocol reader gets: the other gateways' books (services/robot-protocol-reader.ts). */
export interface RemoteProtocolBooks {
  /** Whether this node's book speaks for the robot: this node is a gateway and owns it. */
  mine(robot: string): boolean;
  /** The newest stats another gateway published for the robot. */
  stats(robot: string): RobotProtocolStats | undefined;
  /** Asks the other gateways; [] / undefined when none answers in time. */
  messages(robot: string, limit: number): Promise<RecentMessage[]>;
  conformance(robot: string, now: number): Promise<ConformanceAnswer | undefined>;
}

export interface ProtocolRelayStats {
  statsPublished: number;
  statsRobotsSent: number;
  mirrored: number;
  /** Stats messages or robot entries refused (malformed), asks and answers refused. */
  invalid: number;
  asked: number;
  answered: number;
  answersReceived: number;
  timeouts: number;
  /** Asks answered empty at once: too many pending, or the bus refused the ask. */
  refused: number;
  /** Answers with fewer messages than asked, to stay within `maxAnswerChars`. */
  trimmed: number;
}

export interface ProtocolRelay extends RemoteProtocolBooks {
  counts(): ProtocolRelayStats & { mirrorSize: number; pending: number };
  stop(): void;
}

export interface ProtocolRelayOptions {
  tickMs?: number;
  fullEveryMs?: number;
  timeoutMs?: number;
  maxPending?: number;
  maxMirrored?: number;
  /** JSON characters per stats message and per answer, at most (NATS refuses messages over 1 MB by default). */
  maxMessageChars?: number;
}

export function createProtocolRelay(deps: {
  bus: MessageBus;
  node: string;
  clock: Clock;
  logger: Logger;
  /** This node's gateway book; null on a node without the gateway role (it only reads and asks). */
  book: RelayedBook | null;
  /** Whether this node's gateway owns the robot (Ownership.owns). */
  owns: (robot: string) => boolean;
  /** Whether other nodes are on the bus (no one to ask otherwise). */
  others: () => boolean;
  options?: ProtocolRelayOptions;
}): ProtocolRelay {
  const { bus, node, clock, book } = deps;
  const o = deps.options ?? {};
  const tickMs = o.tickMs ?? 1000;
  const fullEvery = Math.max(1, Math.round((o.fullEveryMs ?? 30_000) / tickMs));
  const timeoutMs = o.timeoutMs ?? 1500;
  const maxPending = o.maxPending ?? 200;
  const maxMirrored = o.maxMirrored ?? 20_000;
  const maxChars = o.maxMessageChars ?? 512 * 1024;
  const log = deps.logger.child({ component: 'cluster:protocol-relay' });
  const throttle = createThrottle();
  const c: ProtocolRelayStats = {
    ...{ statsPublished: 0, statsRobotsSent: 0, mirrored: 0, invalid: 0, asked: 0, answered: 0 },
    ...{ answersReceived: 0, timeouts: 0, refused: 0, trimmed: 0 },
  };
  const mine = (robot: string) => book !== null && deps.owns(robot);
  const refuse = (what: string, source: string) => {
    c.invalid++;
    if (throttle(`invalid:${what}`)) log.warn({ what, source, count: c.invalid }, 'protocol relay message refused');
  };
  const publish = (subject: string, payload: unknown): boolean => {
    const at = clock.now();
    try {
      bus.publish(newEnvelope({ subject, source: `cluster:protocol-relay:${node}`, producedAt: at, receivedAt: at, payload }));
      return true;
    } catch {
      return false;
    }
  };

  // The other gateways' stats, least recently received first (the first to go past maxMirrored).
  const mirror = new Map<string, RobotProtocolStats>();
  const statsSub = bus.subscribe(
    CLUSTER_SUBJECTS.protocolStats,
    (env) => {
      const batch = statsBatchOf(env.payload);
      if (!batch) return refuse('stats', env.source);
      if (batch.node === node) return;
      for (const entry of batch.robots) {
        const s = statsOf(entry);
        if (!s) {
          refuse('stats entry', env.source);
          continue;
        }
        mirror.delete(s.robot);
        mirror.set(s.robot, s);
        c.mirrored++;
        if (mirror.size > maxMirrored) mirror.delete(mirror.keys().next().value!);
      }
    },
    { name: 'protocol-relay:stats', delivery: 'every-node' },
  );

  // A gateway: publishes its owned robots' stats that changed, in batches bounded by count and size.
  let ticks = 0;
  const tick = () => {
    if (!book) return;
    const keys = ++ticks % fullEvery === 0 ? (book.takeChanged(), book.robots()) : book.takeChanged();
    let robots: RobotProtocolStats[] = [];
    let chars = 0;
    const flush = () => {
      if (robots.length === 0) return;
      const batch: StatsBatch = { node, robots };
      if (publish(CLUSTER_SUBJECTS.protocolStats, batch)) {
        c.statsPublished++;
        c.statsRobotsSent += robots.length;
      }
      robots = [];
      chars = 0;
    };
    for (const key of keys) {
      if (!deps.owns(key)) continue;
      const s = book.stats(key);
      if (!s) continue;
      const size = JSON.stringify(s).length;
      if (robots.length >= MAX_STATS_PER_MESSAGE || (robots.length > 0 && chars + size > maxChars)) flush();
      robots.push(s);
      chars += size;
    }
    flush();
  };
  const timer = book ? setInterval(tick, tickMs) : null;
  timer?.unref();

  // A gateway: answers the asks for the robots its book has and it owns.
  const askSub = book
    ? bus.subscribe(
        CLUSTER_SUBJECTS.protocolAsk,
        (env) => {
          const ask = askOf(env.payload);
          if (!ask) return refuse('ask', env.source);
          if (ask.from === node || !mine(ask.robot) || !book.stats(ask.robot)) return;
          const answer: ProtocolAnswer = { id: ask.id, to: ask.from, from: node, what: ask.what };
          if (ask.what === 'conformance') {
            const rules = book.conformance(ask.robot, ask.now);
            if (!rules) return;
            answer.conformance = { protocolVersion: book.stats(ask.robot)?.protocolVersion ?? null, rules };
          } else answer.messages = withinChars(book.messages(ask.robot, ask.limit));
          if (publish(CLUSTER_SUBJECTS.protocolAnswer, answer)) c.answered++;
        },
        { name: 'protocol-relay:ask', delivery: 'every-node' },
      )
    : null;

  /** The newest messages whose JSON fits within maxChars (a message never fits alone only past 32 KiB kept). */
  function withinChars(messages: RecentMessage[]): RecentMessage[] {
    let chars = 0;
    for (let i = 0; i < messages.length; i++) {
      chars += JSON.stringify(messages[i]).length + 1;
      if (chars > maxChars) {
        c.trimmed++;
        return messages.slice(0, i);
      }
    }
    return messages;
  }

  // The asker: pending asks by id, each settled by its answer or its timeout.
  interface Pending {
    what: AskWhat;
    limit: number;
    settle: (a: ProtocolAnswer | null) => void;
  }
  const pending = new Map<string, Pending>();
  const prefix = `${node}:${randomHex(4)}:`;
  let seq = 0;
  const answerSub = bus.subscribe(
    CLUSTER_SUBJECTS.protocolAnswer,
    (env) => {
      const head = answerOf(env.payload);
      if (!head) return refuse('answer', env.source);
      if (head.to !== node) return;
      const p = pending.get(head.id);
      if (!p) return;
      const answer = answerOf(env.payload, p);
      if (!answer) return refuse('answer', env.source);
      c.answersReceived++;
      p.settle(answer);
    },
    { name: 'protocol-relay:answer', delivery: 'every-node' },
  );

  function ask(robot: string, what: AskWhat, limit: number, now: number): Promise<ProtocolAnswer | null> {
    if (!deps.others()) return Promise.resolve(null);
    if (pending.size >= maxPending) {
      c.refused++;
      return Promise.resolve(null);
    }
    const id = prefix + (++seq).toString(36);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        c.timeouts++;
        settle(null);
      }, timeoutMs);
      timer.unref();
      const settle = (a: ProtocolAnswer | null) => {
        clearTimeout(timer);
        pending.delete(id);
        resolve(a);
      };
      // Pending before the publish: on the in-process bus the answer comes back within it.
      pending.set(id, { what, limit, settle });
      c.asked++;
      const request: ProtocolAsk = { id, from: node, robot, what, limit, now };
      if (!publish(CLUSTER_SUBJECTS.protocolAsk, request)) {
        c.refused++;
        settle(null);
      }
    });
  }

  return {
    mine,
    stats: (robot) => mirror.get(robot),
    async messages(robot, limit) {
      return (await ask(robot, 'messages', clampLimit(limit), clock.now()))?.messages ?? [];
    },
    async conformance(robot, now) {
      return (await ask(robot, 'conformance', 1, now))?.conformance;
    },
    counts: () => ({ ...c, mirrorSize: mirror.size, pending: pending.size }),
    stop() {
      if (timer) clearInterval(timer);
      statsSub.unsubscribe();
      askSub?.unsubscribe();
      answerSub.unsubscribe();
      for (const p of [...pending.values()]) p.settle(null);
    },
  };
}
