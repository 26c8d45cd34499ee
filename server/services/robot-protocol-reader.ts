// Joins the gateway's per-robot protocol book (keyed manufacturer/serial) and the factsheets to robot ids.
import { robotKey } from '../domain/robot';
import type { RuleResult } from '../domain/vda5050/conformance';
import type { FactsheetSummary } from '../domain/vda5050/factsheet-summary';
import type { RecentMessage, RobotProtocolReader, RobotProtocolStats } from '../ports/robot-protocol-reader';
import type { FleetReader } from '../ports/fleet-reader';

export interface ProtocolBook {
  stats(robot: string): RobotProtocolStats | undefined;
  messages(robot: string, limit: number): RecentMessage[];
  conformance(robot: string, now: number): RuleResult[] | undefined;
}

export function createRobotProtocolReader(deps: {
  fleet: FleetReader;
  book: ProtocolBook;
  factsheets: { get(robotId: number): FactsheetSummary | undefined };
}): RobotProtocolReader {
  const keyOf = (id: number) => {
    const v = deps.fleet.get(id);
    return v ? robotKey(v.manufacturer, v.serialNumber) : undefined;
  };
  return {
    stats(id) {
      const key = keyOf(id);
      return key === undefined ? undefined : deps.book.stats(key);
    },
    conformance(id, now) {
      const key = keyOf(id);
      const rules = key === undefined ? undefined : deps.book.conformance(key, now);
      return rules && { robotId: id, robot: key!, protocolVersion: deps.book.stats(key!)?.protocolVersion ?? null, at: now, rules };
    },
    messages(id, limit) {
      const key = keyOf(id);
      return key === undefined ? [] : deps.book.messages(key, limit);
    },
    factsheet(id) {
      const f = deps.factsheets.get(id);
      return f && { robotId: id, ...f };
    },
  };
}
