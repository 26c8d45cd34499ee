// Which app processes share this bus: each announces itself every `everyMs` on `cluster.nodes` (a live subject:
// nothing stored), and answers a newcomer's hello at once, so a process knows its peers within a round trip of its
// start. A peer silent for `staleAfterMs` is gone; one that says goodbye (leave(): a last announcement marked
// `leaving`, sent by a node stopping gracefully) is gone at once, and is a new peer again if it announces itself
// afterwards (restarted with the same NODE_ID). Bounded: at most `maxNodes` peers are kept, each field cut.
// What it is for: /api/health lists the nodes, and a second web node without REDIS_URL is detected (its viewers
// would miss what only the other node's Socket.IO knows, and sign-in limits would be per node).
import { CLUSTER_SUBJECTS } from '../../domain/cluster/cluster-subjects';
import { type BusFigures, busFiguresOf, type ClusterMember, median, ratesBetween } from '../../domain/cluster/node-figures';
import { newEnvelope } from '../../domain/envelope';
import type { Clock } from '../../ports/clock';
import type { MessageBus } from '../../ports/message-bus';

const NODES_SUBJECT = CLUSTER_SUBJECTS.nodes;

export interface NodeFacts {
  node: string;
  roles: string[];
  /** Socket.IO and sign-in limits shared through Redis (REDIS_URL set). */
  redis: boolean;
  leader: boolean;
  startedAt: number;
  /** Its bus counters and inbound lag (added by the registry; absent from a node of an older version). */
  bus?: BusFigures;
}

interface Beat extends NodeFacts {
  /** A newcomer asks everyone to announce themselves now. */
  hello?: boolean;
  /** A goodbye: the node is stopping and announces itself no more; its peers forget it at once. */
  leaving?: boolean;
}

export interface PeerView extends NodeFacts {
  /** Milliseconds since its last announcement (0 for this process). */
  silentMs: number;
  self: boolean;
  rates: ClusterMember['rates'];
}

/** Peers' announcements whose transit time makes up this node's lag figure. */
const LAG_SAMPLES = 16;

const MAX_TEXT = 64;
const ROLES = new Set(['gateway', 'ingest', 'web', 'control']);

function beatOf(v: unknown): Beat | null {
  if (typeof v !== 'object' || v === null) return null;
  const b = v as Record<string, unknown>;
  if (typeof b.node !== 'string' || b.node.length === 0 || b.node.length > MAX_TEXT) return null;
  if (!Array.isArray(b.roles) || b.roles.length > ROLES.size || !b.roles.every((r) => typeof r === 'string' && ROLES.has(r))) return null;
  if (typeof b.redis !== 'boolean' || typeof b.leader !== 'boolean' || typeof b.startedAt !== 'number') return null;
  if (b.leaving !== undefined && typeof b.leaving !== 'boolean') return null;
  const bus = b.bus === undefined ? undefined : busFiguresOf(b.bus);
  if (bus === null) return null;
  return {
    node: b.node,
    roles: b.roles as string[],
    redis: b.redis,
    leader: b.leader,
    startedAt: b.startedAt,
    ...(bus && { bus }),
    hello: b.hello === true,
    leaving: b.leaving === true,
  };
}

export interface NodeRegistry {
  /** This process and every peer heard within `staleAfterMs`, this process first. */
  nodes(): PeerView[];
  /** Announcements refused as malformed. */
  refused(): number;
  /** Looks at which nobody was forgotten because this process was itself behind. */
  prunesHeld(): number;
  /** Says goodbye (a last announcement marked `leaving`) and announces no more; peers forget this node at once. */
  leave(): void;
  stop(): void;
}

export function createNodeRegistry(deps: {
  bus: MessageBus;
  clock: Clock;
  self: () => NodeFacts;
  /** This process's bus counters, announced with its facts (for the flow map's rates between nodes). */
  busCounters?: () => Omit<BusFigures, 'lagMs'>;
  /** A peer was heard for the first time (or again after going silent). */
  onPeer?: (peer: NodeFacts) => void;
  /** A known peer said goodbye and is forgotten (it is not in nodes() any more). */
  onLeft?: (peer: NodeFacts) => void;
  everyMs?: number;
  staleAfterMs?: number;
  maxNodes?: number;
}): NodeRegistry {
  const everyMs = deps.everyMs ?? 2000;
  const staleAfterMs = deps.staleAfterMs ?? 3 * everyMs;
  const maxNodes = deps.maxNodes ?? 256;
  type Reading = { at: number; bus: BusFigures };
  const peers = new Map<string, { facts: NodeFacts; heardAt: number; before: Reading | null }>();
  let refused = 0;
  /** Transit times of peers' announcements (ms), newest last. */
  const lags: number[] = [];
  /** This process's own last two readings, for its rates. */
  let ownBefore: Reading | null = null;
  let ownNow: Reading | null = null;
  const selfFacts = (): NodeFacts => {
    const facts = deps.self();
    return deps.busCounters ? { ...facts, bus: { ...deps.busCounters(), lagMs: median(lags) } } : facts;
  };

  /** Set by leave() or stop(): no announcement any more, not even an answer to a newcomer's hello. */
  let stopped = false;
  const announce = (kind: 'beat' | 'hello' | 'leaving' = 'beat') => {
    if (stopped) return;
    const now = deps.clock.now();
    const facts = selfFacts();
    const payload: Beat = { ...facts, ...(kind === 'hello' && { hello: true }), ...(kind === 'leaving' && { leaving: true }) };
    try {
      deps.bus.publish(newEnvelope({ subject: NODES_SUBJECT, source: 'cluster:registry', producedAt: now, receivedAt: now, payload }));
    } catch {
      // A closed bus (the app stopping): the next announcement, if any, tries again; peers forget a silent node.
    }
  };
  /** When this process's own announcement timer last ran: late by more than a beat, this process is behind. */
  let lastTickAt = deps.clock.now();
  let prunesHeld = 0;
  const prune = (now: number) => {
    // A peer's announcements queue behind this process's own backlog (measured: under overload a node took its
    // peer for gone 4–6 times a run and both wrote the same robots' history): while this process's own timer is
    // late, silence proves nothing, and nobody is forgotten.
    if (now - lastTickAt > 2 * everyMs) return void prunesHeld++;
    for (const [id, p] of peers) if (now - p.heardAt > staleAfterMs) peers.delete(id);
  };

  const sub = deps.bus.subscribe(
    NODES_SUBJECT,
    (env) => {
      const beat = beatOf(env.payload);
      if (!beat) return void refused++;
      const self = deps.self().node;
      if (beat.node === self) return;
      const now = deps.clock.now();
      const known = peers.get(beat.node);
      if (beat.leaving) {
        // Forgotten at once (a goodbye of a node not known, or already forgotten, changes nothing). Announcements
        // of one node arrive in order, so none sent before its goodbye brings it back; one sent after it is a
        // restart with the same NODE_ID, a new peer.
        if (known && peers.delete(beat.node)) deps.onLeft?.(known.facts);
        return;
      }
      if (!known && peers.size >= maxNodes) {
        prune(now);
        if (peers.size >= maxNodes) return void refused++;
      }
      const { hello, leaving: _, ...facts } = beat;
      // Clocks of one site are assumed close (NTP); a negative transit says they are not, and is not counted.
      const transit = now - env.producedAt;
      if (transit >= 0) {
        lags.push(transit);
        if (lags.length > LAG_SAMPLES) lags.shift();
      }
      // Rates span at least half a beat: an answer to a newcomer's hello comes right after a timed announcement.
      const last = known?.facts.bus ? { at: known.heardAt, bus: known.facts.bus } : null;
      const before = last && now - last.at >= everyMs / 2 ? last : (known?.before ?? last);
      peers.set(beat.node, { facts, heardAt: now, before });
      if (!known || now - known.heardAt > staleAfterMs) deps.onPeer?.(facts);
      if (hello) announce();
    },
    { name: 'cluster:registry' },
  );
  const timer = setInterval(() => {
    lastTickAt = deps.clock.now();
    prune(lastTickAt);
    announce();
    if (deps.busCounters) {
      ownBefore = ownNow;
      ownNow = { at: lastTickAt, bus: { ...deps.busCounters(), lagMs: null } };
    }
  }, everyMs);
  timer.unref();
  announce('hello');

  return {
    nodes() {
      const now = deps.clock.now();
      prune(now);
      const others = [...peers.values()]
        .map((p) => ({
          ...p.facts,
          silentMs: now - p.heardAt,
          self: false,
          rates: p.before && p.facts.bus ? ratesBetween(p.before, { at: p.heardAt, bus: p.facts.bus }) : null,
        }))
        .sort((a, b) => a.node.localeCompare(b.node));
      const own = ownBefore && ownNow ? ratesBetween(ownBefore, ownNow) : null;
      return [{ ...selfFacts(), silentMs: 0, self: true, rates: own }, ...others];
    },
    refused: () => refused,
    prunesHeld: () => prunesHeld,
    leave() {
      clearInterval(timer);
      announce('leaving');
      stopped = true;
    },
    stop() {
      stopped = true;
      clearInterval(timer);
      sub.unsubscribe();
    },
  };
}
