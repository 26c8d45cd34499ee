// This process among the others on its bus (services/cluster/node-registry.ts): the `cluster` component of
// /api/health lists every node with its roles, and two web nodes where one lacks REDIS_URL are refused: the newer
// one stops (its viewers would miss what only the other node's Socket.IO knows, and sign-in limits would be per
// node); the older one reports the conflict until it is gone.
import type { AppConfig } from '../config';
import type { Clock } from '../ports/clock';
import type { LeaderLease } from '../ports/leader-lease';
import type { Logger } from '../ports/logger';
import type { MessageBus } from '../ports/message-bus';
import { createNodeRegistry, type NodeFacts } from '../services/cluster/node-registry';
import type { Components, Module } from './module';

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
  const registry = createNodeRegistry({
    bus: deps.bus,
    clock: deps.clock,
    self,
    onPeer(peer) {
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
  return {
    registry,
    health: (): Components => {
      const nodes = registry.nodes();
      for (const id of clashes.keys()) if (!nodes.some((n) => n.node === id)) clashes.delete(id);
      return {
        cluster: {
          status: clashes.size > 0 ? 'degraded' : 'ok',
          nodes,
          refused: registry.refused(),
          ...(clashes.size > 0 && { problems: [...clashes.values()] }),
        },
      };
    },
    stop: async () => registry.stop(),
  } satisfies Module & Record<string, unknown>;
}
