// Decodes one MQTT message from a robot: topic layout, size limit, JSON, schema, header/topic agreement.
import { ROBOT_TOPICS, parseVdaTopic, type RobotMessage, type RobotTopic } from '../../../domain/vda5050/messages';
import type { SchemaValidator } from './schema-validator';

export const MAX_PAYLOAD_BYTES = 256 * 1024;

export type Decoded =
  | { ok: true; manufacturer: string; serialNumber: string; msg: RobotMessage; producedAt: number; size: number }
  /** `robot` is null when the topic itself does not identify a robot. */
  | { ok: false; robot: { manufacturer: string; serialNumber: string } | null; topic: string; reason: string; path?: string; json?: unknown }
  /** Not an error: e.g. an empty retained payload clearing a topic. */
  | { ok: 'ignored'; reason: string };

const isRobotTopic = (t: string): t is RobotTopic => (ROBOT_TOPICS as readonly string[]).includes(t);

export function decodeRobotMessage(topic: string, payload: Buffer, validator: SchemaValidator): Decoded {
  const parsed = parseVdaTopic(topic);
  if (!parsed || !isRobotTopic(parsed.topic)) return { ok: false, robot: null, topic, reason: 'topic does not follow <interface>/<version>/<manufacturer>/<serialNumber>/<topic>' };
  const robot = { manufacturer: parsed.manufacturer, serialNumber: parsed.serialNumber };
  let json: unknown;
  // The parsed document travels with a rejection so the protocol inspector can show what was wrong.
  const fail = (reason: string, path?: string): Decoded => ({ ok: false, robot, topic, reason, ...(path ? { path } : {}), ...(json !== undefined && { json }) });
  if (payload.length === 0) return { ok: 'ignored', reason: 'empty payload (retained message cleared)' };
  if (payload.length > MAX_PAYLOAD_BYTES) return fail(`payload of ${payload.length} bytes exceeds the ${MAX_PAYLOAD_BYTES}-byte limit`);

  try {
    json = JSON.parse(payload.toString('utf8'));
  } catch (err) {
    return fail(`malformed JSON: ${(err as Error).message}`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return fail('payload is not a JSON object');
  const version = (json as { version?: unknown }).version;
  if (typeof version !== 'string') return fail('missing or non-string version', '/version');
  const result = validator.validate(parsed.topic, version, json);
  if (!result.ok) {
    const first = result.errors[0];
    return fail(`schema violation: ${first?.reason ?? 'invalid'}`, first?.path);
  }
  const header = json as { manufacturer: string; serialNumber: string; timestamp: string };
  if (header.manufacturer !== parsed.manufacturer || header.serialNumber !== parsed.serialNumber) {
    return fail(`header ${header.manufacturer}/${header.serialNumber} does not match topic ${parsed.manufacturer}/${parsed.serialNumber}`, '/manufacturer');
  }
  const producedAt = Date.parse(header.timestamp);
  if (Number.isNaN(producedAt)) return fail(`timestamp ${JSON.stringify(header.timestamp)} is not RFC 3339`, '/timestamp');
  return { ok: true, ...robot, msg: { topic: parsed.topic, message: json } as RobotMessage, producedAt, size: payload.length };
}
