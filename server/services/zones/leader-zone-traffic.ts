// Zone traffic control in a cluster: one arbiter, in the leader. Two arbiters would each answer a robot's request,
// and could grant one zone to two robots. The leader runs it (runWhileLeader) and relays its view of the zones on
// the bus every second and after each revoke; the other processes show that view and pass an operator's revoke to
// the leader. A new leader starts with an empty arbiter: robots that report a grant keep it if nobody else holds
// the zone (the arbiter's adoption), so no zone gets two holders; the order of a queue is rebuilt by arrival.
import { CLUSTER_SUBJECTS } from '../../domain/cluster/cluster-subjects';
import { newEnvelope } from '../../domain/envelope';
import type { ResourceKind, ResourceStatus } from '../../domain/zones/zone-types';
import type { Clock } from '../../ports/clock';
import type { LeaderLease } from '../../ports/leader-lease';
import type { Logger } from '../../ports/logger';
import type { MessageBus } from '../../ports/message-bus';
import type { ZoneOverview, ZoneRequestLog, ZoneRequestQuery } from '../../ports/zone-traffic';
import { runWhileLeader } from '../cluster/while-leader';
import { emptyZoneStats, type ZoneTrafficService } from './zone-traffic';

/** The leader relays its view this often (and at once after a revoke). */
const RELAY_MS = 1000;
/** A relayed view older than this is not shown as current (no leader, or it is cut off). */
const STALE_MS = 5000;
const MAX_ID = 200;

interface ViewNotice {
  node: string;
  overview: ZoneOverview;
}
interface RevokeNotice {
  node: string;
  kind: ResourceKind;
  id: string;
  by: string;
}

const isStatus = (s: unknown): s is ResourceStatus =>
  typeof s === 'object' && s !== null && typeof (s as ResourceStatus).id === 'string' && Array.isArray((s as ResourceStatus).queue);

function viewOf(v: unknown): ViewNotice | null {
  const n = v as Partial<ViewNotice> | null;
  const o = n?.overview;
  if (!n || typeof n.node !== 'string' || !o || typeof o.zoneSetId !== 'string' || !Array.isArray(o.zones) || !Array.isArray(o.edges))
    return null;
  if (!o.zones.every((z) => isStatus(z?.status)) || !o.edges.every(isStatus)) return null;
  return n as ViewNotice;
}

function revokeOf(v: unknown): RevokeNotice | null {
  const n = v as Partial<RevokeNotice> | null;
  if (!n || typeof n.node !== 'string' || (n.kind !== 'zone' && n.kind !== 'edge')) return null;
  if (typeof n.id !== 'string' || n.id.length > MAX_ID || typeof n.by !== 'string' || n.by.length > MAX_ID) return null;
  return n as RevokeNotice;
}

export interface LeaderZoneTraffic extends ZoneTrafficService {
  /** Whether this process runs the arbiter now. */
  leading(): boolean;
  /** Malformed notices from the bus, ignored. */
  refused(): number;
}

export function createLeaderZoneTraffic(deps: {
  /** The untraced bus shared by the processes. */
  bus: MessageBus;
  clock: Clock;
  logger: Logger;
  lease: LeaderLease;
  node: string;
  /** The arbiter service, started when this process gains the lease, with the holders and queues last relayed. */
  start(seed: ResourceStatus[] | null): ZoneTrafficService;
  /** The request log (every process reads it; the leader writes it). */
  log: ZoneRequestLog;
  /** The site's zones with nobody holding or waiting: what is shown before any view arrives. */
  empty(): Omit<ZoneOverview, 'source'>;
}): LeaderZoneTraffic {
  const log = deps.logger.child({ component: 'zone-traffic' });
  let relayed: { overview: ZoneOverview; at: number; node: string } | null = null;
  // The last view relayed, whatever its age: its leases are absolute times, and the first tick ends the past ones.
  const seedOf = (o: ZoneOverview) => [...o.zones.map((z) => z.status), ...o.edges];
  const running = runWhileLeader(
    deps.lease,
    () => deps.start(relayed && seedOf(relayed.overview)),
    (err) => log.error({ err: (err as Error).message }, 'zone traffic failed to start or stop'),
  );
  let refused = 0;

  const publish = (subject: string, payload: ViewNotice | RevokeNotice) => {
    const at = deps.clock.now();
    try {
      deps.bus.publish(newEnvelope({ subject, source: 'zones:cluster', producedAt: at, receivedAt: at, payload }));
    } catch {
      // A closed or cut-off bus: the next relay tries again (health shows the bus).
    }
  };
  const relay = () => {
    const t = running.current();
    if (t) publish(CLUSTER_SUBJECTS.zoneView, { node: deps.node, overview: t.overview() });
  };
  const timer = setInterval(relay, RELAY_MS);
  timer.unref?.();

  const subs = [
    deps.bus.subscribe(
      CLUSTER_SUBJECTS.zoneView,
      (env) => {
        const n = viewOf(env.payload);
        if (!n) return void refused++;
        if (n.node !== deps.node) relayed = { overview: n.overview, at: deps.clock.now(), node: n.node };
      },
      { name: 'zones:view' },
    ),
    deps.bus.subscribe(
      CLUSTER_SUBJECTS.zoneRevoke,
      (env) => {
        const n = revokeOf(env.payload);
        if (!n) return void refused++;
        const t = running.current();
        if (!t || n.node === deps.node) return;
        t.revoke(n.kind, n.id, n.by);
        relay();
      },
      { name: 'zones:revoke' },
    ),
  ];

  const overview = (): ZoneOverview => {
    const t = running.current();
    if (t) return t.overview();
    if (!relayed) return { ...deps.empty(), source: { kind: 'none', node: null, receivedAt: null } };
    // Past STALE_MS the last view is still shown, marked: its holders are the best knowledge there is, and showing
    // every zone free instead would tell an operator that a held zone is clear.
    const kind = deps.clock.now() - relayed.at < STALE_MS ? 'relayed' : 'stale';
    return { ...relayed.overview, source: { kind, node: relayed.node, receivedAt: relayed.at } };
  };

  return {
    leading: () => running.current() !== null,
    overview,
    async requests(q: ZoneRequestQuery) {
      const t = running.current();
      return t ? t.requests(q) : deps.log.list(q);
    },
    revoke(kind, id, by) {
      const t = running.current();
      if (t) {
        const out = t.revoke(kind, id, by);
        relay();
        return out;
      }
      // Not the leader: the leader applies it; the answer is what this process's view says of the holder.
      const status = kind === 'zone' ? overview().zones.find((z) => z.zoneId === id)?.status : overview().edges.find((e) => e.id === id);
      const holder = status?.holder ?? null;
      publish(CLUSTER_SUBJECTS.zoneRevoke, { node: deps.node, kind, id, by });
      return { revoked: holder !== null, robotId: holder?.robotId ?? null };
    },
    stats: () => running.current()?.stats() ?? emptyZoneStats(),
    refused: () => refused,
    flush: async () => running.current()?.flush(),
    async stop() {
      clearInterval(timer);
      relay(); // the freshest view for the next leader to take over

      for (const s of subs) s.unsubscribe();
      await running.stop();
    },
  };
}
