// Which app processes share this bus: each announces itself every `everyMs` on `cluster.nodes` (a live subject:
// nothing stored), and answers a newcomer's hello at once, so a process knows its peers within a round trip of its
// start. A peer silent for `staleAfterMs` is gone. Bounded: at most `maxNodes` peers are kept, each field cut.
// What it is for: /api/health lists the nodes, and a second web node without REDIS_URL is detected (its viewers
// would miss what only the other node's Socket.IO knows, and sign-in limits would be per node).
import { CLUSTER_SUBJECTS } from '../../domain/cluster/cluster-subjects';
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
}

interface Beat extends NodeFacts {
  /** A newcomer asks everyone to announce themselves now. */
  hello?: boolean;
}

export interface PeerView extends NodeFacts {
  /** Milliseconds since its last announcement (0 for this process). */
  silentMs: number;
  self: boolean;
}

const MAX_TEXT = 64;
const ROLES = new Set(['gateway', 'ingest', 'web', 'control']);

function beatOf(v: unknown): Beat | null {
  if (typeof v !== 'object' || v === null) return null;
  const b = v as Record<string, unknown>;
  if (typeof b.node !== 'string' || b.node.length === 0 || b.node.length > MAX_TEXT) return null;
  if (!Array.isArray(b.roles) || b.roles.length > ROLES.size || !b.roles.every((r) => typeof r === 'string' && ROLES.has(r))) return null;
  if (typeof b.redis !== 'boolean' || typeof b.leader !== 'boolean' || typeof b.startedAt !== 'number') return null;
  return { node: b.node, roles: b.roles as string[], redis: b.redis, leader: b.leader, startedAt: b.startedAt, hello: b.hello === true };
}

export interface NodeRegistry {
  /** This process and every peer heard within `staleAfterMs`, this process first. */
  nodes(): PeerView[];
  /** Announcements refused as malformed. */
  refused(): number;
  /** Looks at which nobody was forgotten because this process was itself behind. */
  prunesHeld(): number;
  stop(): void;
}

export function createNodeRegistry(deps: {
  bus: MessageBus;
  clock: Clock;
  self: () => NodeFacts;
  /** A peer was heard for the first time (or again after going silent). */
  onPeer?: (peer: NodeFacts) => void;
  everyMs?: number;
  staleAfterMs?: number;
  maxNodes?: number;
}): NodeRegistry {
  const everyMs = deps.everyMs ?? 2000;
  const staleAfterMs = deps.staleAfterMs ?? 3 * everyMs;
  const maxNodes = deps.maxNodes ?? 256;
  const peers = new Map<string, { facts: NodeFacts; heardAt: number }>();
  let refused = 0;

  let stopped = false;
  const announce = (hello = false) => {
    if (stopped) return;
    const now = deps.clock.now();
    const payload: Beat = { ...deps.self(), ...(hello && { hello }) };
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
      if (!known && peers.size >= maxNodes) {
        prune(now);
        if (peers.size >= maxNodes) return void refused++;
      }
      const { hello, ...facts } = beat;
      peers.set(beat.node, { facts, heardAt: now });
      if (!known || now - known.heardAt > staleAfterMs) deps.onPeer?.(facts);
      if (hello) announce();
    },
    { name: 'cluster:registry' },
  );
  const timer = setInterval(() => {
    lastTickAt = deps.clock.now();
    prune(lastTickAt);
    announce();
  }, everyMs);
  timer.unref();
  announce(true);

  return {
    nodes() {
      const now = deps.clock.now();
      prune(now);
      const others = [...peers.values()]
        .map((p) => ({ ...p.facts, silentMs: now - p.heardAt, self: false }))
        .sort((a, b) => a.node.localeCompare(b.node));
      return [{ ...deps.self(), silentMs: 0, self: true }, ...others];
    },
    refused: () => refused,
    prunesHeld: () => prunesHeld,
    stop() {
      stopped = true;
      clearInterval(timer);
      sub.unsubscribe();
    },
  };
}
