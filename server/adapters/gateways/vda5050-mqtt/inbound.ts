// Decodes one MQTT message from a robot: topic layout, size and nesting limits, JSON, schema, header/topic agreement
// (identity and version level), and a 3.0 message into the internal model.
import { ROBOT_TOPICS, parseVdaTopic, type RobotMessage, type RobotTopic } from '../../../domain/vda5050/messages';
import { topicLevelOf } from '../../../domain/vda5050/protocol-version';
import { robotKey } from '../../../domain/robot';
import { robotIdentityProblem } from '../../../domain/vda5050/robot-identity';
import { robotMessageFromV3 } from '../../../domain/vda5050/v3-inbound';
import type { SchemaValidator } from '../../../protocol/schema-validator';
import { jsonNestsDeeperThan, MAX_PAYLOAD_DEPTH } from './json-depth';

export const MAX_PAYLOAD_BYTES = 256 * 1024;

export type Decoded =
  | { ok: true; manufacturer: string; serialNumber: string; msg: RobotMessage; producedAt: number; size: number; text: string }
  /** `robot` is null when the topic itself does not identify a robot; `identity` is set when it names one outside the
   *  bounds of robot-identity.ts (too long, odd characters), which is refused before anything is kept per robot. */
  | {
      ok: false;
      robot: { manufacturer: string; serialNumber: string } | null;
      topic: string;
      reason: string;
      path?: string;
      json?: unknown;
      identity?: true;
    }
  /** Not an error: e.g. an empty retained payload clearing a topic. */
  | { ok: 'ignored'; reason: string };

const isRobotTopic = (t: string): t is RobotTopic => (ROBOT_TOPICS as readonly string[]).includes(t);

type RobotTopicParts = { manufacturer: string; serialNumber: string; topic: RobotTopic; level: string; key: string };
type TopicVerdict = RobotTopicParts | { refused: string } | null;
/** Topic strings repeat for every message of a robot: split each once (bounded, cleared when full). */
const topicCache = new Map<string, TopicVerdict>();
const TOPIC_CACHE_MAX = 100_000;
/** Longer topics cannot hold an acceptable robot identity; they are refused without being split or cached. */
const MAX_TOPIC_CHARS = 512;

function robotTopic(topic: string): TopicVerdict {
  if (topic.length > MAX_TOPIC_CHARS) return { refused: `topic of ${topic.length} characters is longer than ${MAX_TOPIC_CHARS}` };
  let parts = topicCache.get(topic);
  if (parts !== undefined) return parts;
  const parsed = parseVdaTopic(topic);
  const problem = parsed && robotIdentityProblem(parsed.manufacturer, parsed.serialNumber);
  // A refused identity is not cached: a flood of made-up ones must not fill the cache.
  if (problem && isRobotTopic(parsed.topic)) return { refused: problem };
  parts =
    !parsed || !isRobotTopic(parsed.topic)
      ? null
      : {
          manufacturer: parsed.manufacturer,
          serialNumber: parsed.serialNumber,
          topic: parsed.topic,
          level: parsed.majorVersion,
          // Made once per topic: asked for every message in a cluster (robotKeyOfTopic).
          key: robotKey(parsed.manufacturer, parsed.serialNumber),
        };
  if (topicCache.size >= TOPIC_CACHE_MAX) topicCache.clear();
  topicCache.set(topic, parts);
  return parts;
}

/**
 * The robot a topic names, as its robot key (`<manufacturer>/<serialNumber>`), from the same cache as decoding;
 * the topic itself when it names no acceptable robot. Cheap enough to ask before decoding (cluster ownership).
 */
export function robotKeyOfTopic(topic: string): string {
  const r = robotTopic(topic);
  return r && !('refused' in r) ? r.key : topic;
}

// The parsed document travels with a rejection so the protocol inspector can show what was wrong.
function failure(robot: RobotTopicParts, topic: string, reason: string, path: string | undefined, json: unknown): Decoded {
  return {
    ok: false,
    robot: { manufacturer: robot.manufacturer, serialNumber: robot.serialNumber },
    topic,
    reason,
    ...(path ? { path } : {}),
    ...(json !== undefined && { json }),
  };
}

// A plain function without per-call closures: it runs for every message a robot sends.
export function decodeRobotMessage(topic: string, payload: Buffer, validator: SchemaValidator): Decoded {
  const robot = robotTopic(topic);
  if (!robot)
    return { ok: false, robot: null, topic, reason: 'topic does not follow <interface>/<version>/<manufacturer>/<serialNumber>/<topic>' };
  if ('refused' in robot) return { ok: false, robot: null, topic, reason: `robot identity refused: ${robot.refused}`, identity: true };
  if (payload.length === 0) return { ok: 'ignored', reason: 'empty payload (retained message cleared)' };
  if (payload.length > MAX_PAYLOAD_BYTES)
    return failure(robot, topic, `payload of ${payload.length} bytes exceeds the ${MAX_PAYLOAD_BYTES}-byte limit`, undefined, undefined);

  // Before parsing: a deep document parses, then overflows the stack wherever it is walked next (one byte scan).
  if (jsonNestsDeeperThan(payload, MAX_PAYLOAD_DEPTH))
    return failure(robot, topic, `payload nests deeper than ${MAX_PAYLOAD_DEPTH} levels`, undefined, undefined);

  let json: unknown;
  const text = payload.toString('utf8');
  try {
    json = JSON.parse(text);
  } catch (err) {
    return failure(robot, topic, `malformed JSON: ${(err as Error).message}`, undefined, undefined);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    return failure(robot, topic, 'payload is not a JSON object', undefined, json);
  const version = (json as { version?: unknown }).version;
  if (typeof version !== 'string') return failure(robot, topic, 'missing or non-string version', '/version', json);
  const result = validator.validate(robot.topic, version, json);
  if (!result.ok) {
    const first = result.errors[0];
    return failure(robot, topic, `schema violation: ${first?.reason ?? 'invalid'}`, first?.path, json);
  }
  // The topic's version level and the header's version must agree: a 3.0 message on `v2` would be read as 2.x.
  const level = topicLevelOf(version);
  if (level !== robot.level)
    return failure(
      robot,
      topic,
      `version ${version} does not belong on the topic level ${robot.level} (expected ${level})`,
      '/version',
      json,
    );
  const header = json as { manufacturer: string; serialNumber: string; timestamp: string };
  if (header.manufacturer !== robot.manufacturer || header.serialNumber !== robot.serialNumber) {
    return failure(
      robot,
      topic,
      `header ${header.manufacturer}/${header.serialNumber} does not match topic ${robot.manufacturer}/${robot.serialNumber}`,
      '/manufacturer',
      json,
    );
  }
  const producedAt = Date.parse(header.timestamp);
  if (Number.isNaN(producedAt))
    return failure(robot, topic, `timestamp ${JSON.stringify(header.timestamp)} is not RFC 3339`, '/timestamp', json);
  return {
    ok: true,
    manufacturer: robot.manufacturer,
    serialNumber: robot.serialNumber,
    // One internal model for every version: a 3.0 message is renamed into it (v3-inbound.ts); `text` stays raw.
    msg:
      level === 'v3'
        ? robotMessageFromV3(robot.topic, json as Record<string, unknown>)
        : ({ topic: robot.topic, message: json } as RobotMessage),
    producedAt,
    size: payload.length,
    text,
  };
}
