// Zone traffic control (VDA 5050 3.0 zones and edge requests): the site's zone set, the arbiter service, its
// request log in the database, and the messenger that writes zoneSet and responses through the commands module's
// outbound writer (so they are validated, numbered and shown in the protocol inspector like every command).
import type { Db } from '../../db/client';
import { insertZoneRequests, listZoneRequests } from '../../db/queries/zone-requests';
import type { OutboundWriter } from '../adapters/gateways/vda5050-mqtt/outbound';
import { UnknownRobotError } from '../domain/vda5050/command-errors';
import type { WarehouseMap } from '../domain/warehouse-map';
import { siteZoneSet } from '../domain/zones/site-zones';
import type { Clock } from '../ports/clock';
import type { FleetReader } from '../ports/fleet-reader';
import type { Logger } from '../ports/logger';
import type { MessageBus } from '../ports/message-bus';
import { createLeaderZoneTraffic } from '../services/zones/leader-zone-traffic';
import { createZoneTraffic, type ZoneTrafficOptions, type ZoneTrafficService } from '../services/zones/zone-traffic';
import type { Decision } from '../domain/zones/request-arbiter';
import type { ResourceStatus } from '../domain/zones/zone-types';
import type { LeaderLease } from '../ports/leader-lease';
import type { ZoneRequestQuery } from '../ports/zone-traffic';
import { type HealthContext, type Module, recently } from './module';

export function composeZones(deps: {
  db: Db;
  bus: MessageBus;
  clock: Clock;
  logger: Logger;
  map: WarehouseMap;
  fleet: FleetReader;
  writer: OutboundWriter;
  options?: ZoneTrafficOptions;
  /** Who runs the arbiter when processes share a bus. */
  lease: LeaderLease;
  /** With a shared bus (BUS_URL): the untraced bus and this process's NODE_ID; the arbiter then runs in the leader only. */
  cluster: { bus: MessageBus; node: string } | null;
}) {
  const { fleet, writer } = deps;
  const zoneSet = siteZoneSet(deps.map);
  const log = {
    insert: (rows: readonly Decision[]) => insertZoneRequests(deps.db, rows),
    list: (q: ZoneRequestQuery) => listZoneRequests(deps.db, q),
  };
  const start = (seed?: ResourceStatus[] | null) =>
    createZoneTraffic({
      bus: deps.bus,
      clock: deps.clock,
      logger: deps.logger,
      zoneSet,
      edgeIds: deps.map.edges.map((e) => e.id),
      messenger: {
        send(robotId, topic, body) {
          const r = fleet.get(robotId);
          if (!r) throw new UnknownRobotError(robotId);
          writer.writeV3(
            { robotId, manufacturer: r.manufacturer, serialNumber: r.serialNumber, protocolVersion: r.protocolVersion },
            topic,
            body,
          );
        },
      },
      log,
      nameOf: (id) => fleet.get(id)?.name ?? `robot ${id}`,
      options: deps.options,
      ...(seed && { seed }),
    });
  const clustered = deps.cluster
    ? createLeaderZoneTraffic({
        bus: deps.cluster.bus,
        clock: deps.clock,
        logger: deps.logger,
        lease: deps.lease,
        node: deps.cluster.node,
        start,
        log,
        empty: () => ({
          zoneSetId: zoneSet.zoneSetId,
          mapId: zoneSet.mapId,
          zones: zoneSet.zones.map((z) => ({ ...z, status: { kind: 'zone' as const, id: z.zoneId, holder: null, queue: [] } })),
          edges: [],
        }),
      })
    : null;
  const traffic: ZoneTrafficService = clustered ?? start();
  return {
    traffic,
    health(ctx: HealthContext) {
      const s = traffic.stats();
      const dropped = ctx.watch.observe('zones:logDropped', s.logDropped).changedAt;
      const status = s.logError !== null || recently(ctx, dropped) ? 'degraded' : 'ok';
      const cluster = clustered && {
        arbiter: clustered.leading() ? 'this node (leader)' : 'the leader',
        refusedNotices: clustered.refused(),
      };
      return { zones: { status, ...s, answers: { ...s.answers }, ...cluster } };
    },
    stop: () => traffic.stop(),
  } satisfies Module & Record<string, unknown>;
}
