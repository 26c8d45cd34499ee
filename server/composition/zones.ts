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
import { createZoneTraffic, type ZoneTrafficOptions } from '../services/zones/zone-traffic';
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
}) {
  const { fleet, writer } = deps;
  const traffic = createZoneTraffic({
    bus: deps.bus,
    clock: deps.clock,
    logger: deps.logger,
    zoneSet: siteZoneSet(deps.map),
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
    log: { insert: (rows) => insertZoneRequests(deps.db, rows), list: (q) => listZoneRequests(deps.db, q) },
    nameOf: (id) => fleet.get(id)?.name ?? `robot ${id}`,
    options: deps.options,
  });
  return {
    traffic,
    health(ctx: HealthContext) {
      const s = traffic.stats();
      const dropped = ctx.watch.observe('zones:logDropped', s.logDropped).changedAt;
      const status = s.logError !== null || recently(ctx, dropped) ? 'degraded' : 'ok';
      return { zones: { status, ...s, answers: { ...s.answers } } };
    },
    stop: () => traffic.stop(),
  } satisfies Module & Record<string, unknown>;
}
