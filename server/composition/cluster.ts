// This process among the others on its bus (services/cluster/node-registry.ts): the `cluster` component of
// /api/health lists every node with its roles, and two web nodes where one lacks REDIS_URL are refused: the newer
// one stops (its viewers would miss what only the other node's Socket.IO knows, and sign-in limits would be per
// node); the older one reports the conflict until it is gone.
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
  // refreshed twice a second and whenever a node joins, so a dead gateway's robots are taken over once it has been
  // silent for STALE_AFTER_MS.
  const ownership = config.BUS_URL ? createOwnership(config.NODE_ID) : null;
  // Also called from onPeer, deferred: the registry may hear a peer before its own constant is assigned.
  function refreshOwners() {
    if (!ownership) return;
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
    stop: async () => {
      if (ownersTimer) clearInterval(ownersTimer);
      registry.stop();
    },
  } satisfies Module & Record<string, unknown>;
}
