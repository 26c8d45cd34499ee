// Compiled validators for the official VDA 5050 JSON schemas (2.0.0, 2.1.0 and 3.0.0), one per topic and version.
// Compiled once at start; validation on the hot path is a plain function call.
import fs from 'node:fs';
import path from 'node:path';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { VdaTopic } from '../domain/vda5050/messages';
import { FAST_VISUALIZATION } from './visualization-fast-path';

export const SUPPORTED_VERSIONS = ['2.0.0', '2.1.0', '3.0.0'] as const;
export type SchemaVersion = (typeof SUPPORTED_VERSIONS)[number];
const TOPICS: VdaTopic[] = ['connection', 'factsheet', 'instantActions', 'order', 'state', 'visualization'];
/** Topics 3.0 added (zone traffic control, master control → robot). */
const V3_TOPICS = ['zoneSet', 'responses'] as const;
export type SchemaTopic = VdaTopic | (typeof V3_TOPICS)[number];
const SCHEMA_DIR = path.resolve(import.meta.dirname, 'schemas');

export interface ValidationFailure {
  path: string;
  reason: string;
}

export type ValidationResult = { ok: true } | { ok: false; errors: ValidationFailure[] };

export interface SchemaValidator {
  /** Picks the schema by the message's major.minor version; unknown versions are rejected. */
  validate(topic: SchemaTopic, version: string, message: unknown): ValidationResult;
  schemaVersionFor(version: string): SchemaVersion | null;
}

export interface SchemaValidatorOptions {
  /** false: `visualization` goes through Ajv alone (the differential test and the benchmark compare the two). */
  visualizationFastPath?: boolean;
}

const VALID: ValidationResult = Object.freeze({ ok: true }) as ValidationResult;

// ajv-formats is CommonJS; under ESM its default export may be wrapped once more.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (a: Ajv2020) => Ajv2020;

export function createSchemaValidator(options: SchemaValidatorOptions = {}): SchemaValidator {
  const fastVisualization = options.visualizationFastPath !== false;
  // strict:false because the official schemas use the non-standard keywords "subtopic" and "unit". That also turned
  // strictNumbers off: a number written 1e999 parses to Infinity and passed as a "number", then broke fleet.list's
  // output for every viewer (issue 12, chaos mqtt-fuzz). JSON has no Infinity or NaN: they are refused.
  const ajv = new Ajv2020({ strict: false, strictNumbers: true, allErrors: false, validateFormats: true });
  addFormats(ajv);
  // 3.0.0 names a format of its own for header ids and sequence numbers.
  ajv.addFormat('uint32', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= 0 && n <= 0xffff_ffff });
  const compiled = new Map<string, ValidateFunction>();
  for (const v of SUPPORTED_VERSIONS) {
    for (const t of v === '3.0.0' ? [...TOPICS, ...V3_TOPICS] : TOPICS) {
      const schema = JSON.parse(fs.readFileSync(path.join(SCHEMA_DIR, v, `${t}.schema.json`), 'utf8')) as object;
      compiled.set(`${v}:${t}`, ajv.compile(schema));
    }
  }

  const schemaVersionFor = (version: string): SchemaVersion | null => {
    const m = /^(\d+)\.(\d+)\.\d+/.exec(version);
    if (!m) return null;
    if (m[1] === '2' && m[2] === '0') return '2.0.0';
    if (m[1] === '2' && m[2] === '1') return '2.1.0';
    if (m[1] === '3' && m[2] === '0') return '3.0.0';
    return null;
  };

  // The version string repeats from message to message: the last one's schema version is kept (saves a regex a call).
  let lastVersion: string | null = null;
  let lastSchemaVersion: SchemaVersion | null = null;

  return {
    schemaVersionFor,
    validate(topic, version, message) {
      if (version !== lastVersion) {
        lastSchemaVersion = schemaVersionFor(version);
        lastVersion = version;
      }
      const sv = lastSchemaVersion;
      if (!sv) return { ok: false, errors: [{ path: '/version', reason: `unsupported protocol version ${JSON.stringify(version)}` }] };
      // visualization, the high-rate topic (10 Hz per robot), takes a hand-written path that gives Ajv's verdict
      // (differential test: visualization-fast-path.unit.test.ts). Measured by bench/validate-visualization.ts on the
      // 2-core machine: 0.12-0.21 µs a message instead of Ajv's 0.6-1.1 µs (3-7x); with JSON.parse, 2.1-3.5 µs became
      // 1.4-2.3 µs. Its "valid" is final; an "invalid" goes on to Ajv below, so the error texts stay Ajv's.
      if (fastVisualization && topic === 'visualization' && FAST_VISUALIZATION[sv](message)) return VALID;
      const fn = compiled.get(`${sv}:${topic}`);
      if (!fn) return { ok: false, errors: [{ path: '', reason: `no schema for topic ${topic}` }] };
      if (fn(message)) return { ok: true };
      return { ok: false, errors: (fn.errors ?? []).map(toFailure) };
    },
  };
}

function toFailure(e: ErrorObject): ValidationFailure {
  return { path: e.instancePath || '/', reason: e.message ?? e.keyword };
}
