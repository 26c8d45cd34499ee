import { robotKey } from '../robot';
import { parseVdaTopic } from '../vda5050/messages';
import { robotIdentityProblem } from '../vda5050/robot-identity';

// A message for a robot handed from a process without an MQTT gateway to the gateways, over the bus
// (CLUSTER_SUBJECTS.outbound). The bus is the app's own, but a gateway sends only what a master control may send:
// each message is checked strictly before it reaches MQTT.

/** What goes on the bus: the robot, the full broker topic and the JSON text, as the outbound writer made them. */
export interface OutboundMessage {
  robotId: number;
  topic: string;
  payload: string;
  /** The process that sent it (NODE_ID), for logs. */
  node?: string;
}

/** The topics master control writes to a robot: order and instantActions, and 3.0's zoneSet and responses. */
export const OUTBOUND_TOPICS = ['order', 'instantActions', 'zoneSet', 'responses'] as const;

/** Largest payload relayed, in bytes (orders of a few thousand nodes stay well below). */
export const MAX_OUTBOUND_PAYLOAD_BYTES = 256 * 1024;
const MAX_TOPIC_CHARS = 1024;
const MAX_NODE_CHARS = 64;

const utf8Bytes = (s: string): number => (s.length * 3 <= MAX_OUTBOUND_PAYLOAD_BYTES ? s.length : Buffer.byteLength(s, 'utf8'));

/**
 * The message and its robot's key (`<manufacturer>/<serialNumber>`, as Ownership.owns takes it) when `v` is a
 * well-formed outbound message for interface `iface` (`<iface>/<version>/<manufacturer>/<serialNumber>/<topic>`),
 * else the reason it is not. (The inbound robotKeyOfTopic knows only the robots' own topics, not these.)
 */
export function outboundMessageOf(v: unknown, iface: string): { message: OutboundMessage; key: string } | { invalid: string } {
  if (typeof v !== 'object' || v === null) return { invalid: 'not an object' };
  const m = v as Record<string, unknown>;
  if (typeof m.robotId !== 'number' || !Number.isSafeInteger(m.robotId) || m.robotId <= 0)
    return { invalid: 'robotId is not a positive integer' };
  if (typeof m.topic !== 'string' || m.topic.length > MAX_TOPIC_CHARS) return { invalid: 'topic is not a string of at most 1024 chars' };
  const t = parseVdaTopic(m.topic);
  if (!t || t.iface !== iface || t.majorVersion.length === 0)
    return { invalid: `topic is not ${iface}/<version>/<manufacturer>/<serialNumber>/<topic>` };
  if (!(OUTBOUND_TOPICS as readonly string[]).includes(t.topic)) return { invalid: `topic ${t.topic} is not one master control sends` };
  const problem = robotIdentityProblem(t.manufacturer, t.serialNumber);
  if (problem) return { invalid: `robot identity refused: ${problem}` };
  if (typeof m.payload !== 'string') return { invalid: 'payload is not a string' };
  // Counted in bytes only when the characters could exceed the bound (up to 3 bytes each in UTF-16 → UTF-8).
  if (m.payload.length > MAX_OUTBOUND_PAYLOAD_BYTES || utf8Bytes(m.payload) > MAX_OUTBOUND_PAYLOAD_BYTES)
    return { invalid: `payload exceeds ${MAX_OUTBOUND_PAYLOAD_BYTES} bytes` };
  if (m.node !== undefined && (typeof m.node !== 'string' || m.node.length > MAX_NODE_CHARS))
    return { invalid: 'node is not a short string' };
  return {
    message: { robotId: m.robotId, topic: m.topic, payload: m.payload, ...(typeof m.node === 'string' && { node: m.node }) },
    key: robotKey(t.manufacturer, t.serialNumber),
  };
}
