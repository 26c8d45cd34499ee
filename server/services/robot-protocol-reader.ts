// Joins the gateway's per-robot protocol book (keyed manufacturer/serial) and the factsheets to robot ids. In a
// cluster each gateway's book holds the robots it owns only: for the others, the stats come from the mirror of what
// the gateways publish and the recent messages and verdicts from the owning gateway, asked over the bus
// (services/cluster/protocol-relay.ts).
import { robotKey } from '../domain/robot';
import type { RuleResult } from '../domain/vda5050/conformance';
import type { FactsheetSummary } from '../domain/vda5050/factsheet-summary';
import type { FleetReader } from '../ports/fleet-reader';
import type { RecentMessage, RobotProtocolReader, RobotProtocolStats } from '../ports/robot-protocol-reader';
import type { RemoteProtocolBooks } from './cluster/protocol-relay';

export interface ProtocolBook {
  stats(robot: string): RobotProtocolStats | undefined;
  messages(robot: string, limit: number): RecentMessage[];
  conformance(robot: string, now: number): RuleResult[] | undefined;
}

export function createRobotProtocolReader(deps: {
  fleet: FleetReader;
  book: ProtocolBook;
  factsheets: { get(robotId: number): FactsheetSummary | undefined };
  /** The other gateways' books; null alone (this node's book has every robot). */
  remote?: RemoteProtocolBooks | null;
}): RobotProtocolReader {
  const { book } = deps;
  const remote = deps.remote ?? null;
  const keyOf = (id: number) => {
    const v = deps.fleet.get(id);
    return v ? robotKey(v.manufacturer, v.serialNumber) : undefined;
  };
  /** This node's book speaks for the robot: its gateway owns it, and only the owner answers asks. (A node without
   *  a gateway books the commands it sent, no more.) */
  const local = (key: string) => !remote || remote.mine(key);
  return {
    stats(id) {
      const key = keyOf(id);
      if (key === undefined) return undefined;
      if (!remote) return book.stats(key);
      // Just after the robots moved between gateways, the new owner's book is young: the mirror knows more.
      return remote.mine(key) ? (book.stats(key) ?? remote.stats(key)) : (remote.stats(key) ?? book.stats(key));
    },
    async conformance(id, now) {
      const key = keyOf(id);
      if (key === undefined) return undefined;
      if (local(key)) {
        const rules = book.conformance(key, now);
        return rules && { robotId: id, robot: key, protocolVersion: book.stats(key)?.protocolVersion ?? null, at: now, rules };
      }
      // No fallback to this node's book: without the robot's own messages its verdicts would mislead.
      const answer = await remote!.conformance(key, now);
      return answer && { robotId: id, robot: key, protocolVersion: answer.protocolVersion, at: now, rules: answer.rules };
    },
    async messages(id, limit) {
      const key = keyOf(id);
      if (key === undefined) return [];
      if (local(key)) return book.messages(key, limit);
      // Unanswered: what this node has (on a node without a gateway, the commands it sent).
      const answer = await remote!.messages(key, limit);
      return answer.length > 0 ? answer : book.messages(key, limit);
    },
    factsheet(id) {
      const f = deps.factsheets.get(id);
      return f && { robotId: id, ...f };
    },
  };
}
