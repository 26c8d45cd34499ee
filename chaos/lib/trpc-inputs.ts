// Every tRPC procedure of the app's router with a valid-looking example input, derived from its zod schema (via JSON
// Schema), and fast-check arbitraries for what a fuzzing client sends: arbitrary JSON, mutations of the example,
// the example itself.
import fc from 'fast-check';
import { z } from 'zod';
import { appRouter } from '../../server/api/root';
import { hostileValue, mutate, mutations } from './hostile';

export interface ProcedureInfo {
  path: string;
  type: 'query' | 'mutation';
  /** A valid-looking input (undefined: the procedure takes none). */
  example: unknown;
}

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  format?: string;
  pattern?: string;
  minimum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  minItems?: number;
};

/** The smallest plausible value of a JSON Schema: enough for a mutation to start from something the schema accepts. */
export function exampleOf(s: Schema): unknown {
  if (s.default !== undefined) return s.default;
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  const alt = s.anyOf ?? s.oneOf;
  if (alt) return exampleOf(alt.find((x) => x.type !== 'null' && x.const !== '') ?? alt[0]!);
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  switch (type) {
    case 'object':
      return Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, v]) => [k, exampleOf(v)]));
    case 'array':
      return Array.from({ length: Math.max(1, s.minItems ?? 1) }, () => exampleOf(s.items ?? {}));
    case 'integer':
    case 'number':
      return s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : (s.minimum ?? 1);
    case 'boolean':
      return true;
    case 'string':
      if (s.format === 'uuid') return '6f1c1c2e-8a4b-4c1e-9a7d-2f3b5c6d7e8f';
      if (s.format === 'email') return 'fuzz@chaos.local';
      if (s.format === 'date-time') return new Date(0).toISOString();
      if (s.pattern === '^[0-9a-f]{32}$') return '0'.repeat(32);
      return 'x'.repeat(Math.max(1, s.minLength ?? 8));
    default:
      return null;
  }
}

export function procedures(): ProcedureInfo[] {
  const all = (appRouter as unknown as { _def: { procedures: Record<string, { _def: { type: string; inputs: z.ZodType[] } }> } })._def
    .procedures;
  return Object.entries(all)
    .filter(([, p]) => p._def.type === 'query' || p._def.type === 'mutation')
    .map(([path, p]) => {
      const input = p._def.inputs[0];
      let example: unknown;
      if (input) {
        try {
          example = exampleOf(z.toJSONSchema(input, { io: 'input', unrepresentable: 'any' }) as Schema);
        } catch {
          example = {};
        }
      }
      return { path, type: p._def.type as 'query' | 'mutation', example };
    });
}

/** One input for a procedure: arbitrary JSON (4 in 10), a mutated example (5 in 10) or the example (1 in 10). */
export function inputFor(p: ProcedureInfo): fc.Arbitrary<unknown> {
  const base = p.example && typeof p.example === 'object' ? (p.example as object) : { value: p.example };
  return fc.oneof(
    { weight: 4, arbitrary: fc.oneof(fc.jsonValue({ maxDepth: 4 }), hostileValue) },
    { weight: 5, arbitrary: mutations.map((ms) => mutate(base, ms)) },
    { weight: 1, arbitrary: fc.constant(p.example) },
  );
}
