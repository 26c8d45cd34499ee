// Read side of the VDA 5050 conversation with each robot, for tRPC (fleet.protocol, fleet.messages,
// fleet.factsheet) and the protocol inspector page.
import type { RuleResult } from '../domain/vda5050/conformance';
import type { FactsheetSummary } from '../domain/vda5050/factsheet-summary';

export interface ProtocolViolation {
  at: number;
  topic: string;
  /** JSON pointer into the message, e.g. `/agvPosition/x`; '' when the whole message is at fault. */
  path: string;
  reason: string;
}

export interface RobotProtocolStats {
  /** `manufacturer/serialNumber`. */
  robot: string;
  /** Version header of the robot's last valid message. */
  protocolVersion: string | null;
  /** Messages received per topic, valid or not. */
  received: Record<string, number>;
  /** Messages sent per topic (each resend counts). */
  sent: Record<string, number>;
  /** Messages received and rejected (broken JSON, schema violation, header not matching the topic). */
  invalid: number;
  /** Forward jumps of headerId, and the ids they skipped that never arrived: a rejected message arrived, so it is
   *  counted in `invalid` and never as a gap or as lost. */
  headerGaps: number;
  lostMessages: number;
  /** headerId the same or lower without a reconnect in between (duplicates, reordering, silent counter resets). */
  headerRegressions: number;
  /** Counters restarted after a connection ONLINE: expected, not an error. */
  headerResets: number;
  lastViolation: ProtocolViolation | null;
  lastMessageAt: number | null;
}

export interface RecentMessage {
  direction: 'in' | 'out';
  topic: string;
  headerId: number | null;
  /** Epoch ms received (in) or sent (out). */
  at: number;
  size: number;
  valid: boolean;
  violation: { path: string; reason: string } | null;
  retained: boolean;
  /** The JSON document; for undecodable input, the start of the raw text. */
  payload: unknown;
}

export interface RobotFactsheetView extends FactsheetSummary {
  robotId: number;
}

/** The robot's protocol behaviour, rule by rule (domain/vda5050/conformance.ts). */
export interface ConformanceReport {
  robotId: number;
  robot: string;
  protocolVersion: string | null;
  /** Epoch ms the verdicts were taken. */
  at: number;
  rules: RuleResult[];
}

export interface RobotProtocolReader {
  /** From this node's book when its gateway owns the robot, else from the other gateways' published stats. */
  stats(robotId: number): RobotProtocolStats | undefined;
  /** Async: in a cluster, the gateway that owns the robot may be another node, asked over the bus. */
  conformance(robotId: number, now: number): Promise<ConformanceReport | undefined>;
  /** Newest first. Async as conformance. */
  messages(robotId: number, limit: number): Promise<RecentMessage[]>;
  factsheet(robotId: number): RobotFactsheetView | undefined;
}
