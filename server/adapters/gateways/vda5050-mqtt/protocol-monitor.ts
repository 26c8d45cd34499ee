// Per-robot protocol bookkeeping of the gateway: counts per topic, rejected (invalid) messages with their JSON path,
// headerId gaps (lost messages) and resets, and a bounded ring of recent messages in both directions. A rejected
// message arrived: it is counted as rejected and advances the headerId sequence, never as a gap or as lost.
import { newHeaderTrack, observeHeaderId, observeUnnumbered, type HeaderTrack } from '../../../domain/vda5050/header-sequence';
import type { RecentMessage, RobotProtocolStats } from '../../../ports/robot-protocol-reader';
import { createConformanceTracker, type ConformanceTracker, type Observed, type RuleResult } from '../../../domain/vda5050/conformance';
import { RingBuffer } from './ring-buffer';

export interface InboundRecord {
  topic: string;
  /** For a rejected message, the id only when it could be read (rejected-header-id.ts); null otherwise. */
  headerId: number | null;
  at: number;
  size: number;
  retained: boolean;
  /** The message as parsed (or its text when it was not JSON); or `text` instead. */
  payload?: unknown;
  /**
   * The JSON text of a valid message, kept instead of the parsed object: the ring holds tens of thousands of recent
   * messages, and one string per message is far cheaper for the garbage collector to keep than each parsed tree.
   * Parsed again only when someone opens the inspector.
   */
  text?: string;
  /** Set for a valid message. */
  version?: string;
  violation?: { path: string; reason: string };
  /** A valid connection message with connectionState ONLINE. */
  online?: boolean;
  /** A valid state, connection or factsheet in the internal model, for the conformance rules. */
  model?: Observed;
}

export interface ProtocolMonitorOptions {
  /** Recent messages kept per robot, at most. */
  ringSize?: number;
  /** Recent messages kept over all robots: large fleets get shorter rings (at least 20 each). */
  totalMessages?: number;
  /** Robots tracked at most, so garbage topics cannot grow memory without bound: past it the least recently
   *  heard robot's book is evicted (counted). */
  maxRobots?: number;
}

/** A kept message larger than this is kept as the start of its text only (rings hold tens of thousands). */
export const MAX_KEPT_MESSAGE_BYTES = 32 * 1024;
const PREVIEW_CHARS = 2048;

const preview = (text: string, size: number) => `${text.slice(0, PREVIEW_CHARS)}… (${size} bytes, not kept whole)`;

type Kept = Omit<RecentMessage, 'payload'> & { payload?: unknown; text?: string };

interface RobotBook {
  stats: RobotProtocolStats;
  tracks: Map<string, HeaderTrack>;
  ring: RingBuffer<Kept>;
  /** The robot's behaviour judged over every message in and out (conformance.ts; fixed size). */
  conformance: ConformanceTracker;
}

function recent(k: Kept): RecentMessage {
  if (k.text === undefined) return k as RecentMessage;
  const { text, ...rest } = k;
  return { ...rest, payload: JSON.parse(text) as unknown };
}

export interface ProtocolMonitor {
  /** Returns how many messages a header gap says were lost before this one (0 normally). */
  recordInbound(robot: string, m: InboundRecord): number;
  recordOutbound(robot: string, m: { topic: string; headerId: number; at: number; size: number; payload: unknown }): void;
  stats(robot: string): RobotProtocolStats | undefined;
  messages(robot: string, limit: number): RecentMessage[];
  /** The conformance rules' verdicts for the robot at `now`. */
  conformance(robot: string, now: number): RuleResult[] | undefined;
  /** Robots tracked now, and books evicted to stay within maxRobots. */
  size(): { robots: number; evicted: number };
  /** The robots whose stats changed since the last call (message in or out), and forgets them: for the cluster's
   *  stats relay (services/cluster/protocol-relay.ts). At most one entry per robot tracked. */
  takeChanged(): string[];
  /** Every robot tracked now. */
  robots(): string[];
}

export function createProtocolMonitor(o: ProtocolMonitorOptions = {}): ProtocolMonitor {
  const ringSize = o.ringSize ?? 200;
  const maxRobots = o.maxRobots ?? 20_000;
  const totalMessages = o.totalMessages ?? 40_000;
  const books = new Map<string, RobotBook>();
  /** Robots touched since the last takeChanged (a subset of the books' keys). */
  const changed = new Set<string>();
  let perRobot = ringSize;
  let evicted = 0;

  const book = (robot: string): RobotBook | undefined => {
    let b = books.get(robot);
    if (b) {
      // Most recently heard last, so the first is the one to evict.
      books.delete(robot);
      books.set(robot, b);
      return b;
    }
    if (books.size >= maxRobots) {
      const oldest = books.keys().next().value!;
      books.delete(oldest);
      changed.delete(oldest);
      evicted++;
    }
    b = {
      stats: {
        robot,
        protocolVersion: null,
        received: {},
        sent: {},
        invalid: 0,
        headerGaps: 0,
        lostMessages: 0,
        headerRegressions: 0,
        headerResets: 0,
        lastViolation: null,
        lastMessageAt: null,
      },
      tracks: new Map(),
      ring: new RingBuffer(perRobot),
      conformance: createConformanceTracker(),
    };
    books.set(robot, b);
    // A few coarse steps, so that each ring shrinks at most a few times as a large fleet joins.
    const fair = Math.floor(totalMessages / books.size);
    perRobot = [ringSize, 100, 50, 20].find((n) => n <= ringSize && n <= fair) ?? 20;
    return b;
  };

  const trackOf = (b: RobotBook, topic: string): HeaderTrack => {
    let track = b.tracks.get(topic);
    if (!track) b.tracks.set(topic, (track = newHeaderTrack()));
    return track;
  };

  const checkHeader = (b: RobotBook, topic: string, headerId: number): number => {
    const v = observeHeaderId(trackOf(b, topic), headerId);
    const s = b.stats;
    if (v.kind === 'gap') {
      s.headerGaps++;
      s.lostMessages += v.lost;
      return v.lost;
    }
    if (v.kind === 'regression') s.headerRegressions++;
    else if (v.kind === 'rebased') s.headerResets++;
    return 0;
  };

  return {
    recordInbound(robot, m) {
      const b = book(robot);
      if (!b) return 0;
      changed.add(robot);
      let lost = 0;
      const s = b.stats;
      s.received[m.topic] = (s.received[m.topic] ?? 0) + 1;
      s.lastMessageAt = m.at;
      if (m.violation) {
        s.invalid++;
        s.lastViolation = { at: m.at, topic: m.topic, ...m.violation };
      } else {
        if (m.version) s.protocolVersion = m.version;
        // A robot that (re)connects may restart its counters on every topic.
        if (m.online && !m.retained) for (const t of b.tracks.values()) t.rebase = true;
      }
      // A retained message is a replay of an old one: its headerId says nothing about the sequence. A rejected one
      // arrived: its id advances the sequence, or, unreadable, it explains one id of the next jump.
      if (!m.retained) {
        if (m.model) b.conformance.observe(m.model);
        if (m.headerId !== null && !m.violation) b.conformance.header(m.topic, m.headerId, m.at);
        if (m.headerId !== null) lost = checkHeader(b, m.topic, m.headerId);
        else if (m.violation) observeUnnumbered(trackOf(b, m.topic));
      }
      if (b.ring.capacity > perRobot) b.ring.shrinkTo(perRobot);
      const big = m.size > MAX_KEPT_MESSAGE_BYTES;
      const payload =
        big && m.payload !== undefined ? preview(typeof m.payload === 'string' ? m.payload : JSON.stringify(m.payload), m.size) : m.payload;
      const text = big && m.text !== undefined ? undefined : m.text;
      b.ring.push({
        direction: 'in',
        topic: m.topic,
        headerId: m.headerId,
        at: m.at,
        size: m.size,
        valid: !m.violation,
        violation: m.violation ?? null,
        retained: m.retained,
        payload: text === undefined && m.text !== undefined ? preview(m.text, m.size) : payload,
        text,
      });
      return lost;
    },
    recordOutbound(robot, m) {
      const b = book(robot);
      if (!b) return;
      changed.add(robot);
      b.stats.sent[m.topic] = (b.stats.sent[m.topic] ?? 0) + 1;
      if (m.topic === 'order' || m.topic === 'instantActions')
        b.conformance.observe({ direction: 'out', topic: m.topic, headerId: m.headerId, at: m.at, message: m.payload } as Observed);
      b.ring.push({
        direction: 'out',
        topic: m.topic,
        headerId: m.headerId,
        at: m.at,
        size: m.size,
        valid: true,
        violation: null,
        retained: false,
        payload: m.payload,
      });
    },
    stats(robot) {
      const s = books.get(robot)?.stats;
      return s && { ...s, received: { ...s.received }, sent: { ...s.sent } };
    },
    messages: (robot, limit) => books.get(robot)?.ring.latest(limit).map(recent) ?? [],
    conformance: (robot, now) => books.get(robot)?.conformance.report(now),
    size: () => ({ robots: books.size, evicted }),
    takeChanged() {
      const keys = [...changed];
      changed.clear();
      return keys;
    },
    robots: () => [...books.keys()],
  };
}
