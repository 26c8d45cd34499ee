// Hostile values and schema-aware mutations as fast-check arbitraries: what a broken or malicious client may put in
// a message. `Raw` is JSON text written as is, for what JSON.stringify cannot say (1e999, -0, deep nesting).
import fc from 'fast-check';

export class Raw {
  constructor(readonly text: string) {}
}

/** JSON text of a value that may contain Raw parts (JSON.stringify's output otherwise). */
export function toJson(v: unknown): string {
  if (v instanceof Raw) return v.text;
  if (Array.isArray(v)) return `[${v.map((x) => toJson(x === undefined ? null : x)).join(',')}]`;
  if (v && typeof v === 'object') {
    const parts = Object.entries(v)
      .filter(([, x]) => x !== undefined)
      .map(([k, x]) => `${JSON.stringify(k)}:${toJson(x)}`);
    return `{${parts.join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

const LONE_SURROGATES = ['\ud800', '\udfff', 'a\ud83db', '\udc00\ud800'];
const NASTY = [
  '\u0000',
  'a\u0000b',
  '\u0000'.repeat(64),
  '\u202e\u2066',
  '\ufeff',
  '💥🤖',
  '%s%n%x',
  "'; drop table robots; --",
  '../../../etc/passwd',
  '<script>alert(1)</script>',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a hostile string (log4shell-style), sent as is
  '${jndi:ldap://x}',
  '\\',
  '"',
  '\n\r\t',
  '',
];

/** Strings: any code points (lone surrogates included), NULs, control and bidi characters, huge ones. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 60, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 40, arbitrary: fc.constantFrom(...NASTY, ...LONE_SURROGATES) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 1_000, max: 100_000 }), fc.constantFrom('x', '\u0000', 'é', '\ud800'))
      .map(([n, c]) => c.repeat(n)),
  },
);

/** Numbers as JSON may carry them: extremes, -0, overflow to Infinity (1e999), not quite integers. */
export const hostileNumber: fc.Arbitrary<number | Raw> = fc.oneof(
  fc.constantFrom(1e308, -1e308, 5e-324, Number.MAX_SAFE_INTEGER + 2, -(2 ** 63), 2 ** 64, 0.1, -1, 4294967296),
  fc.constantFrom(
    new Raw('-0'),
    new Raw('1e999'),
    new Raw('-1e999'),
    new Raw('1E+400'),
    new Raw('0.0000000000000000000000001e-400'),
    new Raw('123456789012345678901234567890'),
  ),
  fc.double(),
  fc.integer(),
);

/** `depth` levels of arrays or objects around a value, as text (a parser may recurse once per level). */
export const deepNesting: fc.Arbitrary<Raw> = fc
  .tuple(fc.integer({ min: 100, max: 20_000 }), fc.boolean())
  .map(([depth, arrays]) => new Raw(arrays ? '['.repeat(depth) + ']'.repeat(depth) : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`));

export const hugeArray: fc.Arbitrary<Raw> = fc
  .tuple(
    fc.integer({ min: 1_000, max: 20_000 }),
    fc.constantFrom('0', '{}', 'null', '"x"', '{"nodeId":"n","sequenceId":1,"released":true}'),
  )
  .map(([n, item]) => new Raw(`[${Array(n).fill(item).join(',')}]`));

/** Any value of any type: the wrong type for most fields. Huge ones are rare (about 1 in 100), to bound the traffic. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 100, arbitrary: hostileString },
  { weight: 80, arbitrary: hostileNumber },
  {
    weight: 50,
    arbitrary: fc.constantFrom(
      null,
      true,
      false,
      [],
      {},
      [null],
      { __proto__: null },
      new Raw('{"__proto__":{"polluted":1}}'),
      new Raw('{"constructor":{"prototype":{"x":1}}}'),
    ),
  },
  { weight: 50, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: deepNesting },
  { weight: 1, arbitrary: hugeArray },
);

type Path = (string | number)[];

/** Every path to a field of a JSON value (objects and arrays), the root excluded. */
export function pathsOf(v: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  if (v && typeof v === 'object' && !(v instanceof Raw)) {
    for (const [k, x] of Object.entries(v)) {
      const p = [...prefix, Array.isArray(v) ? Number(k) : k];
      out.push(p);
      pathsOf(x, p, out);
    }
  }
  return out;
}

export type Mutation = { op: 'drop' | 'replace'; at: number; value?: unknown } | { op: 'add'; at: number; key: string; value: unknown };

/** One to three mutations; `at` picks a path of the valid message (modulo its number of paths). */
export const mutations: fc.Arbitrary<Mutation[]> = fc.array(
  fc.oneof(
    { weight: 2, arbitrary: fc.record({ op: fc.constant('drop' as const), at: fc.nat() }) },
    { weight: 5, arbitrary: fc.record({ op: fc.constant('replace' as const), at: fc.nat(), value: hostileValue }) },
    {
      weight: 1,
      arbitrary: fc.record({
        op: fc.constant('add' as const),
        at: fc.nat(),
        key: fc.oneof(hostileString, fc.constantFrom('__proto__', 'constructor', 'prototype')),
        value: hostileValue,
      }),
    },
  ),
  { minLength: 1, maxLength: 3 },
);

/** A deep copy that keeps Raw parts: generated constants are shared objects, and a mutation must never change one. */
function copy(v: unknown): unknown {
  if (v instanceof Raw || !v || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(copy);
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, copy(x)]));
}

/** Applies mutations to a deep copy of a valid message (inserted values are copied too: no shared or cyclic parts). */
export function mutate(valid: object, ms: Mutation[]): unknown {
  const root = structuredClone(valid) as Record<string | number, unknown>;
  for (const m of ms) {
    const paths = pathsOf(root);
    if (paths.length === 0) break;
    const path = paths[m.at % paths.length]!;
    let parent = root;
    for (const k of path.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
    const key = path[path.length - 1]!;
    if (m.op === 'add') {
      const target = parent[key];
      const obj = target && typeof target === 'object' && !Array.isArray(target) ? (target as Record<string, unknown>) : root;
      Object.defineProperty(obj, m.key, { value: copy(m.value), enumerable: true, configurable: true, writable: true });
    } else if (m.op === 'drop') {
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
    } else parent[key] = copy(m.value);
  }
  return root;
}
