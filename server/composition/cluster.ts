// This process among the others on its bus (services/cluster/node-registry.ts): the `cluster` component of
// /api/health lists every node with its roles, and two web nodes where one lacks REDIS_URL are refused: the newer
// one stops (its viewers would miss what only the other node's Socket.IO knows, and sign-in limits would be per
// node); the older one reports the conflict until it is gone.
// A node stopping gracefully says goodbye first (leave(), called by app.stop() before any module stops): its peers
// forget it at once and their gateways take its robots over then, instead of after STALE_AFTER_MS of silence.
import type { AppConfig } from '../config';
import type { Clock } from '../ports/clock';
import type { LeaderLease } from '../ports/leader-lease';
import type { Logger } from '../ports/logger';
import type { MessageBus } from '../ports/message-bus';
import { createOwnership } from '../domain/cluster/robot-owner';
import { createNodeRegistry, type NodeFacts } from '../services/cluster/node-registry';
import type { Components, Module } from './module';

/** Each node announces itself this often; one silent for STALE_AFTER_MS is gone (its robots move within 5 s). */
const BEAT_MS = 1000;
const STALE_AFTER_MS = 3000;
/**
 * After its goodbye a gateway keeps handling its robots this long, then leaves them to the others: they take them
 * over when the goodbye reaches them (a bus transit, milliseconds), so for up to this long a robot's message may
 * enter the bus twice (once through each gateway) rather than not at all. Its gateway may stop sooner.
 */
const GOODBYE_OVERLAP_MS = 250;

export function composeCluster(
  config: AppConfig,
  deps: { bus: MessageBus; clock: Clock; logger: Logger; lease: LeaderLease; onFatal?: (message: string) => void },
) {
  const roles = (['gateway', 'ingest', 'web', 'control'] as const).filter((r) => config.NODE_ROLES[r]);
  const startedAt = deps.clock.now();
  const self = (): NodeFacts => ({
    node: config.NODE_ID,
    roles: [...roles],
    redis: Boolean(config.REDIS_URL),
    leader: deps.lease.isLeader(),
    startedAt,
  });
  /** Web peers that clash with this one (one of the two without Redis), by node id: reported while they are around. */
  const clashes = new Map<string, string>();
  // With a shared bus, the gateways split the robots (domain/cluster/robot-owner.ts): the list of live gateways is
  // refreshed twice a second and whenever a node joins or says goodbye, so a dead gateway's robots are taken over
  // once it has been silent for STALE_AFTER_MS, a leaving one's at once.
  const ownership = config.BUS_URL ? createOwnership(config.NODE_ID) : null;
  /** This node said goodbye: its own list of gateways is no longer refreshed (leave() sets it once). */
  let leaving = false;
  let overlapTimer: NodeJS.Timeout | null = null;
  // Also called from onPeer and onLeft, deferred: the registry may hear a peer before its own constant is assigned.
  function refreshOwners() {
    if (!ownership || leaving) return;
    const gateways = registry.nodes().filter((n) => n.roles.includes('gateway'));
    if (ownership.setGateways(gateways.map((n) => n.node)))
      deps.logger.info({ gateways: ownership.gateways() }, 'cluster: the gateways changed; robots are split among them again');
  }
  const registry = createNodeRegistry({
    bus: deps.bus,
    clock: deps.clock,
    self,
    busCounters() {
      const b = deps.bus.stats();
      return { published: b.published, delivered: b.delivered, pending: b.pending, lost: b.lost ?? 0 };
    },
    everyMs: BEAT_MS,
    staleAfterMs: STALE_AFTER_MS,
    onLeft(peer) {
      queueMicrotask(refreshOwners);
      deps.logger.info({ peer: peer.node, roles: peer.roles }, 'cluster: a node left the bus (it said goodbye)');
    },
    onPeer(peer) {
      queueMicrotask(refreshOwners);
      deps.logger.info({ peer: peer.node, roles: peer.roles }, 'cluster: a node joined the bus');
      const me = self();
      if (!config.NODE_ROLES.web || !peer.roles.includes('web') || (me.redis && peer.redis)) return;
      const newer = me.startedAt > peer.startedAt || (me.startedAt === peer.startedAt && me.node > peer.node);
      const message = `REDIS_URL must be set on every web node when several run: ${peer.node} is a web node on this bus${peer.redis ? '' : ' without REDIS_URL'}${me.redis ? '' : ', and so is this one (NODE_ROLES includes web, REDIS_URL is unset)'}`;
      clashes.set(peer.node, message);
      deps.logger.error({ peer: peer.node }, message);
      if (newer) deps.onFatal?.(message);
    },
  });
  const ownersTimer = ownership ? setInterval(refreshOwners, 500) : null;
  ownersTimer?.unref();

  return {
    registry,
    /** Which robots this process's gateway handles; null with the in-process bus (all of them). */
    ownership,
    health: (): Components => {
      const nodes = registry.nodes();
      for (const id of clashes.keys()) if (!nodes.some((n) => n.node === id)) clashes.delete(id);
      return {
        cluster: {
          status: clashes.size > 0 ? 'degraded' : 'ok',
          nodes,
          refused: registry.refused(),
          prunesHeld: registry.prunesHeld(),
          ...(clashes.size > 0 && { problems: [...clashes.values()] }),
        },
      };
    },
    /**
     * Says goodbye to the other nodes (the first step of a graceful stop): they forget this one at once and their
     * gateways take its robots; this gateway leaves them after GOODBYE_OVERLAP_MS. The leader still adopts this
     * node's open commands only once it has been absent at two looks (workers/command-adoption.ts), by which time
     * this node's dispatcher has normally stopped: it stops a few steps into app.stop() (measured: the whole stop takes
     * under 100 ms in cluster-gateways.int.test.ts), well within the 2 s between two looks. An assumption, not a
     * guarantee: a stop that hung longer than that before its dispatcher could let both follow a command briefly.
     */
    leave() {
      if (leaving) return;
      leaving = true;
      if (ownersTimer) clearInterval(ownersTimer);
      registry.leave();
      if (!ownership) return;
      overlapTimer = setTimeout(() => {
        const others = registry.nodes().filter((n) => !n.self && n.roles.includes('gateway'));
        // With no other gateway, owners are none and this one keeps every robot until it stops.
        if (others.length > 0 && ownership.setGateways(others.map((n) => n.node)))
          deps.logger.info({ gateways: ownership.gateways() }, 'cluster: leaving; robots left to the other gateways');
      }, GOODBYE_OVERLAP_MS);
      overlapTimer.unref();
    },
    stop: async () => {
      if (ownersTimer) clearInterval(ownersTimer);
      if (overlapTimer) clearTimeout(overlapTimer);
      registry.stop();
    },
  } satisfies Module & Record<string, unknown>;
}
