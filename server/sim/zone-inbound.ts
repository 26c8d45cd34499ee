// The two VDA 5050 3.0 messages fleet control sends a robot for zone traffic, zoneSet and responses, read into what
// the robot keeps. Only the shape it relies on is checked (as zoneSet.schema.json and responses.schema.json define
// it); a message that fails is ignored with a reason for the log: a robot must never crash on bad input. Pure.
import { ZONE_TYPES } from '../domain/zones/zone-types';
import type { AgvModel } from './agv-model';
import { applyZoneResponses, type ZoneResponse } from './zone-access';
import { releaseZone, storeZoneSet, type ReleaseLossBehavior, type ReleaseZone } from './zone-traffic';

export type ZoneTopic = 'zoneSet' | 'responses';
export type ZoneInboxOutcome = { topic: ZoneTopic; ok: true } | { topic: ZoneTopic; ok: false; ignored: string };

/** Bounds on what one message may make the robot keep. */
const MAX_ZONES = 10_000;
const MAX_VERTICES = 1_000;

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const LOSS: readonly string[] = ['STOP', 'CONTINUE', 'EVACUATE'];
const GRANTS: readonly string[] = ['GRANTED', 'QUEUED', 'REVOKED', 'REJECTED'];
const TYPES: readonly string[] = ZONE_TYPES;

type Parsed<T> = { ok: true; value: T } | { ok: false; why: string };
const fail = (why: string): { ok: false; why: string } => ({ ok: false, why });

function parseZone(z: unknown, i: number): Parsed<ReleaseZone | null> {
  if (!isObj(z) || typeof z.zoneId !== 'string') return fail(`zones[${i}] has no zoneId`);
  if (typeof z.zoneType !== 'string' || !TYPES.includes(z.zoneType)) return fail(`zone ${z.zoneId} has an unknown zoneType`);
  const v = z.vertices;
  if (!Array.isArray(v) || v.length < 3 || v.length > MAX_VERTICES) return fail(`zone ${z.zoneId} needs 3 to ${MAX_VERTICES} vertices`);
  if (!v.every((p) => isObj(p) && isNum(p.x) && isNum(p.y))) return fail(`zone ${z.zoneId} has a vertex without numeric x and y`);
  if (z.zoneType !== 'RELEASE') return { ok: true, value: null }; // other types ask nothing of this robot
  const loss = z.releaseLossBehavior;
  if (typeof loss !== 'string' || !LOSS.includes(loss)) return fail(`RELEASE zone ${z.zoneId} has no valid releaseLossBehavior`);
  const vertices = (v as { x: number; y: number }[]).map((p) => ({ x: p.x, y: p.y }));
  return { ok: true, value: releaseZone({ zoneId: z.zoneId, vertices }, loss as ReleaseLossBehavior) };
}

export function parseZoneSet(msg: unknown): Parsed<{ zoneSetId: string; mapId: string; releaseZones: ReleaseZone[] }> {
  const zs = isObj(msg) ? msg.zoneSet : undefined;
  if (!isObj(zs)) return fail('no zoneSet object');
  if (typeof zs.zoneSetId !== 'string' || typeof zs.mapId !== 'string') return fail('zoneSet needs zoneSetId and mapId');
  if (!Array.isArray(zs.zones) || zs.zones.length > MAX_ZONES) return fail(`zoneSet needs a zones array of at most ${MAX_ZONES}`);
  const releaseZones: ReleaseZone[] = [];
  const ids = new Set<string>();
  for (let i = 0; i < zs.zones.length; i++) {
    const z = parseZone(zs.zones[i], i);
    if (!z.ok) return z;
    const id = (zs.zones[i] as { zoneId: string }).zoneId;
    if (ids.has(id)) return fail(`zoneId ${id} appears twice`);
    ids.add(id);
    if (z.value) releaseZones.push(z.value);
  }
  return { ok: true, value: { zoneSetId: zs.zoneSetId, mapId: zs.mapId, releaseZones } };
}

/** The well-formed entries of a responses message; entries that are not are skipped (the others still count). */
export function parseResponses(msg: unknown): Parsed<ZoneResponse[]> {
  const list = isObj(msg) ? msg.responses : undefined;
  if (!Array.isArray(list)) return fail('no responses array');
  const out: ZoneResponse[] = [];
  for (const r of list) {
    if (!isObj(r) || typeof r.requestId !== 'string' || typeof r.grantType !== 'string' || !GRANTS.includes(r.grantType)) continue;
    const grantType = r.grantType as ZoneResponse['grantType'];
    if (r.leaseExpiry === undefined) {
      out.push({ requestId: r.requestId, grantType });
      continue;
    }
    const leaseExpiryMs = typeof r.leaseExpiry === 'string' ? Date.parse(r.leaseExpiry) : Number.NaN;
    if (Number.isFinite(leaseExpiryMs)) out.push({ requestId: r.requestId, grantType, leaseExpiryMs });
  }
  return { ok: true, value: out };
}

/** Applies one zoneSet or responses payload. `nowMs`: the wall clock on receipt (for leases). */
export function deliverZoneMessage(m: AgvModel, topic: ZoneTopic, payload: string, nowMs: number): ZoneInboxOutcome {
  let msg: unknown;
  try {
    msg = JSON.parse(payload);
  } catch {
    return { topic, ok: false, ignored: 'not valid JSON' };
  }
  if (topic === 'zoneSet') {
    const zs = parseZoneSet(msg);
    if (!zs.ok) return { topic, ok: false, ignored: zs.why };
    storeZoneSet(m.zones, zs.value);
    m.changed = true; // the state's zoneSets changed
    return { topic, ok: true };
  }
  const responses = parseResponses(msg);
  if (!responses.ok) return { topic, ok: false, ignored: responses.why };
  applyZoneResponses(m, responses.value, nowMs);
  return { topic, ok: true };
}
