// What travels on the protocol relay's subjects (protocol-relay.ts), and the checks every received payload passes:
// the bus is the app's own, but a node of another version (or a hostile publisher on a shared NATS) must not put
// malformed stats into the mirror or malformed messages into the inspector. A check returns null; the caller counts.
import type { EvidenceRef, RuleResult, Verdict } from '../../domain/vda5050/conformance';
import type { ProtocolViolation, RecentMessage, RobotProtocolStats } from '../../ports/robot-protocol-reader';

/** Robots per stats message, at most. */
export const MAX_STATS_PER_MESSAGE = 500;
/** Messages asked for at most (fleet.messages allows no more). */
export const MAX_ASK_LIMIT = 1000;
const MAX_ID_CHARS = 128;
const MAX_KEY_CHARS = 512;
const MAX_TEXT_CHARS = 4096;
const MAX_TOPICS = 64;
const MAX_RULES = 64;
const MAX_EVIDENCE = 64;

export type AskWhat = 'messages' | 'conformance';

/** Published by a gateway every second: the stats of robots it owns that changed. */
export interface StatsBatch {
  node: string;
  robots: RobotProtocolStats[];
}

export interface ProtocolAsk {
  id: string;
  /** NODE_ID of the asker: only it takes the answer. */
  from: string;
  /** `manufacturer/serialNumber`. */
  robot: string;
  what: AskWhat;
  limit: number;
  /** The asker's clock, for the conformance verdicts. */
  now: number;
}

export interface ConformanceAnswer {
  protocolVersion: string | null;
  rules: RuleResult[];
}

export interface ProtocolAnswer {
  id: string;
  to: string;
  from: string;
  what: AskWhat;
  messages?: RecentMessage[];
  conformance?: ConformanceAnswer;
}

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown, max = MAX_TEXT_CHARS): v is string => typeof v === 'string' && v.length <= max;
const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const count = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const numOrNull = (v: unknown): v is number | null => v === null || num(v);
const strOrNull = (v: unknown, max?: number): v is string | null => v === null || str(v, max);

/** A limit as the router allows it: an integer in 1..1000. */
export function clampLimit(limit: number): number {
  return Number.isFinite(limit) ? Math.min(MAX_ASK_LIMIT, Math.max(1, Math.floor(limit))) : 1;
}

function topicCounts(v: unknown): Record<string, number> | null {
  if (!isRec(v)) return null;
  const entries = Object.entries(v);
  if (entries.length > MAX_TOPICS) return null;
  const out: Record<string, number> = {};
  for (const [k, n] of entries) {
    if (k.length > MAX_KEY_CHARS || !count(n)) return null;
    out[k] = n;
  }
  return out;
}

function violationOf(v: unknown): ProtocolViolation | null | undefined {
  if (v === null) return null;
  if (!isRec(v) || !num(v.at) || !str(v.topic, MAX_KEY_CHARS) || !str(v.path) || !str(v.reason)) return undefined;
  return { at: v.at, topic: v.topic, path: v.path, reason: v.reason };
}

export function statsOf(v: unknown): RobotProtocolStats | null {
  if (!isRec(v) || !str(v.robot, MAX_KEY_CHARS) || v.robot.length === 0 || !strOrNull(v.protocolVersion, 64)) return null;
  const received = topicCounts(v.received);
  const sent = topicCounts(v.sent);
  const lastViolation = violationOf(v.lastViolation);
  if (!received || !sent || lastViolation === undefined || !numOrNull(v.lastMessageAt)) return null;
  const { invalid, headerGaps, lostMessages, headerRegressions, headerResets } = v;
  if (!count(invalid) || !count(headerGaps) || !count(lostMessages) || !count(headerRegressions) || !count(headerResets)) return null;
  return {
    robot: v.robot,
    protocolVersion: v.protocolVersion,
    received,
    sent,
    invalid,
    headerGaps,
    lostMessages,
    headerRegressions,
    headerResets,
    lastViolation,
    lastMessageAt: v.lastMessageAt,
  };
}

/** The batch's node and its robots' entries (each still to check with statsOf), or null when the shape is wrong. */
export function statsBatchOf(v: unknown): { node: string; robots: unknown[] } | null {
  if (!isRec(v) || !str(v.node, MAX_ID_CHARS) || !Array.isArray(v.robots) || v.robots.length > MAX_STATS_PER_MESSAGE) return null;
  return { node: v.node, robots: v.robots };
}

export function askOf(v: unknown): ProtocolAsk | null {
  if (!isRec(v) || !str(v.id, MAX_ID_CHARS) || !str(v.from, MAX_ID_CHARS) || !str(v.robot, MAX_KEY_CHARS)) return null;
  if ((v.what !== 'messages' && v.what !== 'conformance') || !num(v.limit) || !num(v.now)) return null;
  return { id: v.id, from: v.from, robot: v.robot, what: v.what, limit: clampLimit(v.limit), now: v.now };
}

function recentOf(v: unknown): RecentMessage | null {
  if (!isRec(v) || (v.direction !== 'in' && v.direction !== 'out') || !str(v.topic, MAX_KEY_CHARS)) return null;
  if (!numOrNull(v.headerId) || !num(v.at) || !count(v.size) || typeof v.valid !== 'boolean' || typeof v.retained !== 'boolean')
    return null;
  const violation =
    v.violation === null ? null : isRec(v.violation) && str(v.violation.path) && str(v.violation.reason) ? v.violation : undefined;
  if (violation === undefined) return null;
  return {
    direction: v.direction,
    topic: v.topic,
    headerId: v.headerId,
    at: v.at,
    size: v.size,
    valid: v.valid,
    violation: violation && { path: violation.path as string, reason: violation.reason as string },
    retained: v.retained,
    payload: v.payload,
  };
}

const VERDICTS: ReadonlySet<string> = new Set<Verdict>(['PASS', 'FAIL', 'INCONCLUSIVE']);

function evidenceOf(v: unknown): EvidenceRef | null {
  if (!isRec(v) || (v.direction !== 'in' && v.direction !== 'out') || !str(v.topic, MAX_KEY_CHARS) || !numOrNull(v.headerId) || !num(v.at))
    return null;
  if (v.note !== undefined && !str(v.note)) return null;
  return { direction: v.direction, topic: v.topic, headerId: v.headerId, at: v.at, ...(v.note !== undefined && { note: v.note }) };
}

function ruleOf(v: unknown): RuleResult | null {
  if (!isRec(v) || !str(v.id, MAX_ID_CHARS) || !str(v.title) || !str(v.verdict) || !VERDICTS.has(v.verdict) || !str(v.detail)) return null;
  if (!Array.isArray(v.evidence) || v.evidence.length > MAX_EVIDENCE) return null;
  const evidence = v.evidence.map(evidenceOf);
  if (evidence.some((e) => e === null)) return null;
  return { id: v.id, title: v.title, verdict: v.verdict as Verdict, detail: v.detail, evidence: evidence as EvidenceRef[] };
}

/** An answer with its result checked against what was asked (`what`, at most `limit` messages). */
export function answerOf(v: unknown, asked?: { what: AskWhat; limit: number }): ProtocolAnswer | null {
  if (!isRec(v) || !str(v.id, MAX_ID_CHARS) || !str(v.to, MAX_ID_CHARS) || !str(v.from, MAX_ID_CHARS)) return null;
  if (v.what !== 'messages' && v.what !== 'conformance') return null;
  if (asked && v.what !== asked.what) return null;
  const base: ProtocolAnswer = { id: v.id, to: v.to, from: v.from, what: v.what as AskWhat };
  if (!asked) return base;
  if (v.what === 'messages') {
    if (!Array.isArray(v.messages) || v.messages.length > asked.limit) return null;
    const messages = v.messages.map(recentOf);
    return messages.some((m) => m === null) ? null : { ...base, messages: messages as RecentMessage[] };
  }
  const c = v.conformance;
  if (!isRec(c) || !strOrNull(c.protocolVersion, 64) || !Array.isArray(c.rules) || c.rules.length > MAX_RULES) return null;
  const rules = c.rules.map(ruleOf);
  return rules.some((r) => r === null)
    ? null
    : { ...base, conformance: { protocolVersion: c.protocolVersion, rules: rules as RuleResult[] } };
}
