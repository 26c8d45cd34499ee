// Hand-written validators for the high-rate VDA 5050 `visualization` topic, one per schema version, that give exactly
// the verdict of Ajv with the official schemas in schemas/<version>/visualization.schema.json as schema-validator.ts
// configures it (strictNumbers: no NaN or ±Infinity as a number or integer; ajv-formats' full "date-time"). Pure.
// A `true` is authoritative; on `false` the caller asks Ajv again for its error messages. Checked against Ajv by the
// differential test beside this file (visualization-fast-path.unit.test.ts); change both together with the schemas.
// Ajv semantics kept on purpose: a property whose value is `undefined` counts as absent (`data.p === undefined`), and
// properties the schema does not name are allowed at every level (no schema here sets additionalProperties).

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Ajv's "number" with strictNumbers: finite. */
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const optNumber = (v: unknown): boolean => v === undefined || isNumber(v);
const optString = (v: unknown): boolean => v === undefined || typeof v === 'string';
/** Ajv's "integer" with strictNumbers: a finite number without a fractional part (1.0 is one, 1e300 too). */
const optInteger = (v: unknown): boolean => v === undefined || Number.isInteger(v);
const optNumberIn = (v: unknown, min: number, max: number): boolean => v === undefined || (isNumber(v) && v >= min && v <= max);

/** Headers of every version: all optional in 2.x (3.0 makes them required, checked by its caller). */
function headerOk(m: Json): boolean {
  return (
    optInteger(m.headerId) &&
    (m.timestamp === undefined || (typeof m.timestamp === 'string' && isDateTime(m.timestamp))) &&
    optString(m.version) &&
    optString(m.manufacturer) &&
    optString(m.serialNumber)
  );
}

function velocityOk(v: unknown): boolean {
  return v === undefined || (isObject(v) && optNumber(v.vx) && optNumber(v.vy) && optNumber(v.omega));
}

/** 2.0.0 and 2.1.0 (the two schemas differ in descriptions only): every field optional. */
export function isValidVisualizationV2(m: unknown): boolean {
  if (!isObject(m) || !headerOk(m)) return false;
  const p = m.agvPosition;
  if (p !== undefined) {
    if (!isObject(p)) return false;
    if (!isNumber(p.x) || !isNumber(p.y) || !isNumber(p.theta) || typeof p.mapId !== 'string') return false;
    if (typeof p.positionInitialized !== 'boolean') return false;
    if (!optNumberIn(p.localizationScore, 0, 1) || !optNumber(p.deviationRange)) return false;
  }
  return velocityOk(m.velocity);
}

/** The 3.0.0 schema's bound on a heading: ±3.14159265359 (a little more than π). */
// biome-ignore lint/suspicious/noApproximativeNumericConstant: the schema's number, not π
const THETA = 3.14159265359;

/** 3.0.0: the header and referenceStateHeaderId are required; pose, paths and velocity optional. */
export function isValidVisualizationV3(m: unknown): boolean {
  if (!isObject(m) || !headerOk(m)) return false;
  if (m.headerId === undefined || m.timestamp === undefined || m.version === undefined) return false;
  if (m.manufacturer === undefined || m.serialNumber === undefined) return false;
  if (!Number.isInteger(m.referenceStateHeaderId)) return false;
  const p = m.mobileRobotPosition;
  if (p !== undefined) {
    if (!isObject(p)) return false;
    if (!isNumber(p.x) || !isNumber(p.y) || typeof p.mapId !== 'string' || typeof p.localized !== 'boolean') return false;
    if (!isNumber(p.theta) || p.theta < -THETA || p.theta > THETA) return false;
    if (!optNumberIn(p.localizationScore, 0, 1) || !optNumberIn(p.deviationRange, 0, Infinity)) return false;
  }
  return velocityOk(m.velocity) && intermediatePathOk(m.intermediatePath) && plannedPathOk(m.plannedPath);
}

function intermediatePathOk(ip: unknown): boolean {
  if (ip === undefined) return true;
  if (!isObject(ip) || !Array.isArray(ip.polyline)) return false;
  const line = ip.polyline;
  for (let i = 0; i < line.length; i++) {
    const q: unknown = line[i];
    if (!isObject(q) || !isNumber(q.x) || !isNumber(q.y) || typeof q.eta !== 'string') return false;
    if (!optNumberIn(q.theta, -THETA, THETA)) return false;
  }
  return true;
}

function plannedPathOk(pp: unknown): boolean {
  if (pp === undefined) return true;
  if (!isObject(pp)) return false;
  const t = pp.trajectory;
  if (!isObject(t) || !Array.isArray(t.controlPoints)) return false;
  if (t.degree !== undefined && !(Number.isInteger(t.degree) && (t.degree as number) >= 1)) return false;
  const kv = t.knotVector;
  if (kv !== undefined) {
    if (!Array.isArray(kv)) return false;
    for (let i = 0; i < kv.length; i++) {
      const k: unknown = kv[i];
      if (!isNumber(k) || k < 0 || k > 1) return false;
    }
  }
  const cps = t.controlPoints;
  for (let i = 0; i < cps.length; i++) {
    const c: unknown = cps[i];
    if (!isObject(c) || !isNumber(c.x) || !isNumber(c.y) || !optNumber(c.weight)) return false;
  }
  const tn = pp.traversedNodes;
  if (tn !== undefined) {
    if (!Array.isArray(tn)) return false;
    for (let i = 0; i < tn.length; i++) if (typeof tn[i] !== 'string') return false;
  }
  return true;
}

/** The fast path for each schema version of schema-validator.ts. */
export const FAST_VISUALIZATION: Record<'2.0.0' | '2.1.0' | '3.0.0', (m: unknown) => boolean> = {
  '2.0.0': isValidVisualizationV2,
  '2.1.0': isValidVisualizationV2,
  '3.0.0': isValidVisualizationV3,
};

// --- ajv-formats 3.0.1, full mode, "date-time" (getDateTime(true)), without its regular expressions -------------------
// It splits on /t|\s/i and wants exactly two parts: a date /^(\d\d\d\d)-(\d\d)-(\d\d)$/ with a real day of that month
// (29 February in leap years), and a time /^(\d\d):(\d\d):(\d\d(?:\.\d+)?)(z|([+-])(\d\d)(?::?(\d\d))?)?$/i with a
// zone required (strict), hour ≤ 23, minute ≤ 59, second < 60 (the seconds with their fraction read as one number),
// offset hour ≤ 23 and minute ≤ 59, or else a leap second: second < 61 at 23:59 UTC once the offset is taken off.
// \d is ASCII only; the separator is t, T or any character of JavaScript's \s.

const DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const WHITESPACE = /\s/;

/** Two ASCII digits at i as a number, or -1. */
function twoDigits(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

export function isDateTime(s: string): boolean {
  const len = s.length;
  if (len < 20) return false; // the shortest: 2020-01-01T00:00:00Z
  const y1 = twoDigits(s, 0);
  const y2 = twoDigits(s, 2);
  const month = twoDigits(s, 5);
  const day = twoDigits(s, 8);
  if (y1 < 0 || y2 < 0 || month < 1 || month > 12 || day < 1 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return false;
  const year = y1 * 100 + y2;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > (month === 2 && leap ? 29 : DAYS[month]!)) return false;
  const sep = s.charCodeAt(10);
  if (sep !== 84 && sep !== 116 && !WHITESPACE.test(s[10]!)) return false;

  const hr = twoDigits(s, 11);
  const min = twoDigits(s, 14);
  let sec = twoDigits(s, 17);
  if (hr < 0 || min < 0 || sec < 0 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return false;
  let k = 19;
  if (s.charCodeAt(k) === 46) {
    // ".\d+": at least one digit, and the seconds read with their fraction as ajv-formats does (+"59.9999999999999999" is 60).
    const start = ++k;
    while (k < len && s.charCodeAt(k) >= 48 && s.charCodeAt(k) <= 57) k++;
    if (k === start) return false;
    sec = Number(s.slice(17, k));
  }
  if (k >= len) return false; // no zone
  const z = s.charCodeAt(k);
  let tzSign = 1;
  let tzH = 0;
  let tzM = 0;
  if (z === 90 || z === 122) {
    if (k + 1 !== len) return false;
  } else if (z === 43 || z === 45) {
    tzSign = z === 45 ? -1 : 1;
    tzH = twoDigits(s, k + 1);
    if (tzH < 0) return false;
    k += 3;
    if (k < len) {
      if (s.charCodeAt(k) === 58) k++;
      tzM = twoDigits(s, k);
      if (tzM < 0 || k + 2 !== len) return false;
    }
  } else return false;
  if (tzH > 23 || tzM > 59) return false;
  if (hr <= 23 && min <= 59 && sec < 60) return true;
  const utcMin = min - tzM * tzSign;
  const utcHr = hr - tzH * tzSign - (utcMin < 0 ? 1 : 0);
  return (utcHr === 23 || utcHr === -1) && (utcMin === 59 || utcMin === -1) && sec < 61;
}
