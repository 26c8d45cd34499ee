// Test-only: a seeded generator of VDA 5050 visualization messages for the differential test of the fast path
// (../visualization-fast-path.unit.test.ts). Mostly valid messages with random values; about half get mutations
// meant to sit on the schema's edges: missing required fields, wrong types, boundary values, extra properties at
// every level, odd date-time strings, deep nesting, non-object roots, properties set to undefined or inherited.

export type Rand = () => number;
type Json = Record<string, unknown>;

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
export function seededRandom(seed: number): Rand {
  let s = seed | 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// biome-ignore lint/suspicious/noApproximativeNumericConstant: the 3.0.0 schema's bound on a heading, a little more than π
const THETA = 3.14159265359;
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** A string that prints NaN, ±Infinity, undefined and -0, which JSON.stringify would hide. */
export function show(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x === undefined ? '<undefined>' : typeof x === 'number' && (!Number.isFinite(x) || Object.is(x, -0)) ? `<${x === 0 ? '-0' : x}>` : x,
  );
}

/** Timestamps around ajv-formats' date-time rules: separators, zones, fractions, leap seconds, impossible dates. */
export function oddDateTime(r: Rand): string {
  const pick = <T>(a: readonly T[]): T => a[Math.floor(r() * a.length)]!;
  const roll = r();
  if (roll < 0.15) return new Date(Math.floor(r() * 8e12) - 1e12).toISOString();
  if (roll < 0.25) return pick(FIXED_DATE_TIMES);
  const year = pick([pad(Math.floor(r() * 10000), 4), '2024', '2023', '2000', '1900', '0000', '1600', '202', '20245', '２０２０']);
  const month = pick([pad(1 + Math.floor(r() * 12)), pad(1 + Math.floor(r() * 12)), '02', '00', '13', '1', '99']);
  const day = pick([pad(1 + Math.floor(r() * 28)), pad(1 + Math.floor(r() * 31)), '29', '30', '31', '00', '32', '3']);
  const sep = pick(['T', 'T', 'T', 't', ' ', '\t', '\n', '\u00a0', '\u2028', '\ufeff', '\u3000', '_', '', 'TT', 'x', 'Z']);
  const hour = pick([pad(Math.floor(r() * 24)), pad(Math.floor(r() * 24)), '23', '00', '24', '25', '99', '1']);
  const minute = pick([pad(Math.floor(r() * 60)), pad(Math.floor(r() * 60)), '59', '00', '60', '01', '5']);
  const second = pick([pad(Math.floor(r() * 60)), pad(Math.floor(r() * 60)), '59', '60', '61', '00', '6', '99']);
  const fraction = pick(['', '', '', '.1', '.123', '.5', '.999999999999999999', '.0000000', '.', '.x', ',5', `.${Math.floor(r() * 1e6)}`]);
  const zone = pick([
    'Z',
    'Z',
    'z',
    '',
    '+00:00',
    '-00:00',
    '+01:00',
    '-01:00',
    '+0100',
    '-0001',
    '+01',
    '-23',
    '+1',
    '+24:00',
    '+23:59',
    '-23:59',
    '+12:60',
    '+01:',
    '+01:0',
    '+01:000',
    'ZZ',
    ' Z',
    'Z ',
    'UTC',
    '+05:30',
    `${r() < 0.5 ? '+' : '-'}${pad(Math.floor(r() * 26))}:${pad(Math.floor(r() * 62))}`,
  ]);
  return `${year}-${month}-${day}${sep}${hour}:${minute}:${second}${fraction}${zone}`;
}

const FIXED_DATE_TIMES = [
  '2016-12-31T23:59:60Z',
  '2016-12-31T23:59:60.5Z',
  '2016-12-31T23:59:61Z',
  '2016-12-31T22:59:60Z',
  '2017-01-01T00:59:60+01:00',
  '2016-12-31T22:59:60-01:00',
  '2017-01-01T00:00:60+00:01',
  '2016-12-31T23:59:60.9999999999999999Z',
  '2020-01-01T10:00:59.9999999999999999Z',
  '2020-02-30T10:00:00Z',
  '2024-02-29T10:00:00Z',
  '2023-02-29T10:00:00Z',
  '1900-02-29T10:00:00Z',
  '2000-02-29T10:00:00Z',
  '2020-04-31T10:00:00Z',
  '2020-01-01T24:00:00Z',
  '2020-01-01T10:00:00',
  '2020-01-01',
  '2020-01-01T10:00Z',
  '2020-01-01T10:00:00.Z',
  '1991-03-11T11:40:03.12Z',
  '1991-03-11t11:40:03.12z',
  '1991-03-11 11:40:03.12Z',
  '1991-03-11T11:40:03.12Z\n',
  ' 1991-03-11T11:40:03.12Z',
  '٢٠٢٠-01-01T10:00:00Z',
  '',
  'T',
  'now',
];

/** Values that break a field of the schema one way or another (or, for some fields, do not). */
const ODD_VALUES: readonly (() => unknown)[] = [
  () => '1',
  () => '',
  () => 'abc',
  () => 1.5,
  () => 0.5,
  () => 1,
  () => 0,
  () => -0,
  () => -1,
  () => 2,
  () => 1e21,
  () => 2 ** 53 + 2,
  () => -1e-7,
  () => 1.0000001,
  () => THETA,
  () => -THETA,
  () => THETA + 1e-10,
  () => Math.PI,
  () => -Math.PI,
  () => Number.NaN,
  () => Number.POSITIVE_INFINITY,
  () => Number.NEGATIVE_INFINITY,
  () => null,
  () => true,
  () => false,
  () => [],
  () => [1],
  () => ['a'],
  () => [{ x: 1, y: 2, eta: 'e' }],
  () => ({}),
  () => ({ x: 1, y: 2 }),
  () => ({ trajectory: { controlPoints: [] } }),
  () => ({ polyline: [] }),
  () => undefined,
  () => new Date(0),
  () => '2020-01-01T00:00:00Z',
];

const SCHEMA_KEYS = [
  'headerId',
  'timestamp',
  'version',
  'manufacturer',
  'serialNumber',
  'referenceStateHeaderId',
  'agvPosition',
  'mobileRobotPosition',
  'velocity',
  'intermediatePath',
  'plannedPath',
  'x',
  'y',
  'theta',
  'mapId',
  'positionInitialized',
  'localized',
  'localizationScore',
  'deviationRange',
  'vx',
  'vy',
  'omega',
  'polyline',
  'eta',
  'trajectory',
  'traversedNodes',
  'degree',
  'knotVector',
  'controlPoints',
  'weight',
];

export interface Generated {
  message: unknown;
  mutations: string[];
}

/** A generator of messages for a schema version: valid ones, and about half of them mutated. */
export function makeMessageGenerator(r: Rand): (version: '2.0.0' | '2.1.0' | '3.0.0') => Generated {
  const chance = (p: number) => r() < p;
  const int = (n: number) => Math.floor(r() * n);
  const pick = <T>(a: readonly T[]): T => a[int(a.length)]!;
  const num = (): number =>
    pick([
      () => Math.round(r() * 200_000) / 1000,
      () => (r() - 0.5) * 1e6,
      () => int(100),
      () => -int(100),
      () => 0,
      () => -0,
      () => 1e300,
      () => 5e-324,
    ])();
  const unit = (): number => pick([() => r(), () => 0, () => 1, () => Math.round(r() * 100) / 100])();
  const theta = (): number =>
    pick([() => (r() * 2 - 1) * Math.PI, () => THETA, () => -THETA, () => 0, () => Math.trunc((r() * 2 - 1) * 3141) / 1000])();
  const str = (): string => pick(['', 'acme', 'robot-1', 'ü', '😀', 'x'.repeat(300), 'T', '2020-01-01T00:00:00Z', `s${int(1e6)}`]);
  const integer = (): number => pick([() => int(2 ** 32), () => 0, () => -int(1000), () => 2 ** 53, () => 1e21, () => -0])();
  const goodTimestamp = (): string => {
    for (;;) {
      const s = chance(0.6) ? new Date(1.7e12 + int(1e11)).toISOString() : oddDateTime(r);
      if (ISH.test(s)) return s; // a date-time that the schema accepts for sure: the valid class stays valid
    }
  };
  const opt = (o: Json, key: string, p: number, v: () => unknown) => {
    if (chance(p)) o[key] = v();
  };

  const header = (version: string, all: boolean): Json => {
    const h: Json = {};
    const p = all ? 1 : 0.85;
    opt(h, 'headerId', p, integer);
    opt(h, 'timestamp', p, goodTimestamp);
    opt(h, 'version', p, () => (chance(0.8) ? version : str()));
    opt(h, 'manufacturer', p, str);
    opt(h, 'serialNumber', p, str);
    return h;
  };
  const velocity = (): Json => {
    const v: Json = {};
    opt(v, 'vx', 0.8, num);
    opt(v, 'vy', 0.8, num);
    opt(v, 'omega', 0.8, num);
    return v;
  };
  const v2 = (version: string): Json => {
    const m = header(version, false);
    if (chance(0.85)) {
      const p: Json = { x: num(), y: num(), theta: chance(0.5) ? theta() : num(), mapId: str(), positionInitialized: chance(0.5) };
      opt(p, 'localizationScore', 0.4, unit);
      opt(p, 'deviationRange', 0.3, num);
      m.agvPosition = p;
    }
    opt(m, 'velocity', 0.8, velocity);
    return m;
  };
  const v3 = (version: string): Json => {
    const m = header(version, true);
    m.referenceStateHeaderId = integer();
    if (chance(0.85)) {
      const p: Json = { x: num(), y: num(), theta: theta(), mapId: str(), localized: chance(0.5) };
      opt(p, 'localizationScore', 0.4, unit);
      opt(p, 'deviationRange', 0.3, () => Math.abs(num()));
      m.mobileRobotPosition = p;
    }
    opt(m, 'velocity', 0.8, velocity);
    opt(m, 'intermediatePath', 0.4, () => ({
      polyline: Array.from({ length: int(11) }, () => {
        const q: Json = { x: num(), y: num(), eta: chance(0.7) ? goodTimestamp() : str() };
        opt(q, 'theta', 0.7, theta);
        return q;
      }),
    }));
    opt(m, 'plannedPath', 0.25, () => {
      const t: Json = {
        controlPoints: Array.from({ length: int(6) }, () => {
          const c: Json = { x: num(), y: num() };
          opt(c, 'weight', 0.5, num);
          return c;
        }),
      };
      opt(t, 'degree', 0.5, () => 1 + int(5));
      opt(t, 'knotVector', 0.5, () => Array.from({ length: int(9) }, unit));
      const pp: Json = { trajectory: t };
      opt(pp, 'traversedNodes', 0.5, () => Array.from({ length: int(4) }, str));
      return pp;
    });
    return m;
  };

  /** Every object and array inside `root` (root included), with the path to it. */
  const containers = (root: unknown): { at: Json | unknown[]; path: string }[] => {
    const out: { at: Json | unknown[]; path: string }[] = [];
    const walk = (v: unknown, path: string, depth: number) => {
      if (typeof v !== 'object' || v === null || depth > 6) return;
      out.push({ at: v as Json, path });
      for (const [k, c] of Object.entries(v)) walk(c, `${path}/${k}`, depth + 1);
    };
    walk(root, '', 0);
    return out;
  };
  const deep = (levels: number): unknown => {
    let v: unknown = chance(0.5) ? 1 : 'leaf';
    for (let i = 0; i < levels; i++) v = chance(0.5) ? { a: v, x: 'x' } : [v];
    return v;
  };
  const keyIn = (o: Json | unknown[]): string => {
    const own = Object.keys(o);
    if (Array.isArray(o)) return String(chance(0.8) && own.length > 0 ? pick(own) : o.length + int(2));
    return own.length > 0 && chance(0.7) ? pick(own) : pick(SCHEMA_KEYS);
  };

  const mutate = (m: unknown): { m: unknown; kind: string } => {
    const kind = pick(['delete', 'retype', 'retype', 'retype', 'extra', 'timestamp', 'boundary', 'undefined', 'deep', 'inherit', 'root']);
    const spots = containers(m);
    // A root that is not an object (or a different one: {} and a Date are objects to the schema).
    if (kind === 'root' || spots.length === 0) return { m: pick(ODD_VALUES)(), kind: 'root' };
    const { at } = pick(spots);
    const o = at as Json;
    const key = keyIn(at);
    switch (kind) {
      case 'delete':
        delete o[key];
        break;
      case 'retype':
        o[key] = pick(ODD_VALUES)();
        break;
      case 'extra':
        if (chance(0.1)) Object.defineProperty(o, '__proto__', { value: deep(2), enumerable: true, writable: true, configurable: true });
        else o[chance(0.5) ? pick(SCHEMA_KEYS) : `extra${int(10)}`] = chance(0.5) ? pick(ODD_VALUES)() : deep(int(4));
        break;
      case 'timestamp':
        if (chance(0.7) && !Array.isArray(m)) (m as Json).timestamp = oddDateTime(r);
        else o[key] = oddDateTime(r);
        break;
      case 'boundary':
        o[key] = pick([THETA, -THETA, THETA + 1e-11, -THETA - 1e-11, 1, 0, -0, 1 + 2 ** -52, -(2 ** -1074), 0.9999999, THETA - 1e-11]);
        break;
      case 'undefined':
        o[key] = undefined;
        break;
      case 'deep':
        o[key] = deep(20 + int(100));
        break;
      case 'inherit': {
        // Ajv reads `data.p`, so an inherited property counts: JSON never makes one, a caller's object might.
        if (Array.isArray(at) || !(key in o)) break;
        const proto = { [key]: o[key] };
        delete o[key];
        Object.setPrototypeOf(o, proto);
        break;
      }
    }
    return { m, kind };
  };

  return (version) => {
    // Now and then the other family's shape: its fields are extra properties here.
    const three = version === '3.0.0' ? !chance(0.08) : chance(0.08);
    let message: unknown = three ? v3(version) : v2(version);
    const mutations: string[] = [];
    if (chance(0.65)) {
      const n = chance(0.8) ? 1 : 2 + int(2);
      for (let i = 0; i < n; i++) {
        const res = mutate(message);
        message = res.m;
        mutations.push(res.kind);
      }
    }
    return { message, mutations };
  };
}

/** Plainly valid date-times (those the generator uses for the valid class; every other form comes from mutations). */
const ISH = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|1\d|2[0-8])[Tt ]([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?([Zz]|[+-]([01]\d|2[0-3]):?[0-5]\d)$/;
