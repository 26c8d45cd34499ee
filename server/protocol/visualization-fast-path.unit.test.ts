// Differential test: the hand-written visualization validators against Ajv with the official schemas, as
// schema-validator.ts configures it, on generated messages (seeded, so a failure reproduces with the same SEED).
// Mostly valid messages with random values, and mutations of them: missing required fields, wrong types, values out
// of range, extra properties at every level, odd date-time strings, deep nesting, non-object roots.
import { fullFormats } from 'ajv-formats/dist/formats.js';
import { describe, expect, it } from 'vitest';
import { createSchemaValidator, SUPPORTED_VERSIONS, type SchemaVersion } from './schema-validator';
import { FAST_VISUALIZATION, isDateTime } from './visualization-fast-path';
import { makeMessageGenerator, oddDateTime, seededRandom, show } from './testing/visualization-messages';

// biome-ignore lint/suspicious/noApproximativeNumericConstant: the 3.0.0 schema's bound on a heading, a little more than π
const THETA = 3.14159265359;
const SEED = Number(process.env.FASTVAL_SEED ?? 20_250_705);
const PER_VERSION = 40_000; // × 3 versions = 120,000 messages per run

describe('visualization fast path ≡ Ajv with the official schema', () => {
  const ajv = createSchemaValidator({ visualizationFastPath: false });
  const wired = createSchemaValidator();

  it(`gives Ajv's verdict on ${PER_VERSION * SUPPORTED_VERSIONS.length} generated messages (seed ${SEED})`, () => {
    const counts: Record<string, { valid: number; invalid: number }> = {};
    const byMutation = new Map<string, { valid: number; invalid: number }>();
    const mismatches: string[] = [];
    let total = 0;
    for (const version of SUPPORTED_VERSIONS) {
      const gen = makeMessageGenerator(seededRandom(SEED ^ version.charCodeAt(0) ^ (version.charCodeAt(2) << 8)));
      const fast = FAST_VISUALIZATION[version];
      const c = (counts[version] = { valid: 0, invalid: 0 });
      for (let i = 0; i < PER_VERSION; i++) {
        const { message, mutations } = gen(version);
        const expected = ajv.validate('visualization', version, message);
        const got = fast(message);
        total++;
        if (got !== expected.ok && mismatches.length < 10)
          mismatches.push(
            `${version} #${i} [${mutations.join(', ')}]: fast ${got}, Ajv ${expected.ok} ${show(expected)}\n  ${show(message)}`,
          );
        if (expected.ok) c.valid++;
        else c.invalid++;
        const kind = mutations.length === 0 ? '(none)' : mutations.join('+');
        const k = byMutation.get(kind) ?? { valid: 0, invalid: 0 };
        k[expected.ok ? 'valid' : 'invalid']++;
        byMutation.set(kind, k);
        // Through the public API, with the fast path wired in: the same result, errors included.
        if (i % 8 === 0) expect(wired.validate('visualization', version, message)).toEqual(expected);
      }
    }
    const kinds = [...byMutation.entries()].sort((a, b) => b[1].valid + b[1].invalid - (a[1].valid + a[1].invalid));
    console.log(
      `visualization differential test, seed ${SEED}: ${total} messages\n` +
        SUPPORTED_VERSIONS.map((v) => `  ${v}: ${counts[v]!.valid} valid, ${counts[v]!.invalid} invalid`).join('\n') +
        `\n  by mutation (valid/invalid): ${kinds
          .slice(0, 24)
          .map(([k, n]) => `${k} ${n.valid}/${n.invalid}`)
          .join('; ')}`,
    );
    expect(mismatches, mismatches.join('\n')).toEqual([]);
    expect(total).toBeGreaterThanOrEqual(100_000);
    for (const v of SUPPORTED_VERSIONS) {
      // Both classes well represented in every version.
      expect(counts[v]!.valid).toBeGreaterThan(PER_VERSION * 0.25);
      expect(counts[v]!.invalid).toBeGreaterThan(PER_VERSION * 0.25);
    }
  });

  it("gives ajv-formats' date-time verdict on generated odd timestamps", () => {
    const ajvDateTime = fullFormats['date-time'] as { validate: (s: string) => boolean };
    const rand = seededRandom(SEED + 1);
    let valid = 0;
    const mismatches: string[] = [];
    for (let i = 0; i < 60_000; i++) {
      const s = oddDateTime(rand);
      const expected = ajvDateTime.validate(s);
      if (expected) valid++;
      if (isDateTime(s) !== expected && mismatches.length < 10) mismatches.push(`${JSON.stringify(s)}: Ajv ${expected}`);
    }
    expect(mismatches, mismatches.join('\n')).toEqual([]);
    expect(valid).toBeGreaterThan(10_000);
    expect(valid).toBeLessThan(50_000);
  });

  it('agrees on the hand-picked edges of the schemas', () => {
    const header = { headerId: 1, timestamp: '2024-02-29T23:59:60.5Z', version: '3.0.0', manufacturer: 'm', serialNumber: 's' };
    const pos = (theta: number) => ({ x: 0, y: 0, theta, mapId: 'm', localized: true });
    const v3 = (body: object) => ({ ...header, referenceStateHeaderId: 0, ...body });
    const cases: [SchemaVersion, unknown, boolean][] = [
      ['2.0.0', {}, true], // every 2.x field is optional
      ['2.0.0', { agvPosition: { x: 0, y: 0, theta: 99, mapId: '', positionInitialized: false, deviationRange: -1 } }, true],
      ['2.1.0', { agvPosition: { x: 0, y: 0, theta: 0, mapId: '', positionInitialized: false, localizationScore: 1.0000001 } }, false],
      ['2.1.0', { headerId: 1.0, timestamp: '1990-12-31t15:59:60-08:00' }, true], // a leap second at 23:59 UTC
      ['2.0.0', { headerId: 2 ** 53 + 2, velocity: { vx: undefined } }, true], // undefined counts as absent
      ['2.0.0', { headerId: Number.POSITIVE_INFINITY }, false],
      ['2.0.0', { timestamp: '2023-02-29T10:00:00Z' }, false],
      ['2.0.0', { timestamp: '2020-01-01T10:00:00' }, false], // no zone
      ['3.0.0', v3({}), true],
      ['3.0.0', v3({ mobileRobotPosition: pos(-THETA) }), true],
      ['3.0.0', v3({ mobileRobotPosition: pos(-THETA - 1e-11) }), false],
      ['3.0.0', v3({ plannedPath: { trajectory: { controlPoints: [], degree: 0 } } }), false],
      ['3.0.0', v3({ plannedPath: { trajectory: { controlPoints: [], knotVector: [0, 1, 1.5] } } }), false],
      ['3.0.0', v3({ intermediatePath: { polyline: [{ x: 1, y: 2, eta: 'not a date' }] } }), true], // eta has no format
      ['3.0.0', v3({ agvPosition: 'a 2.x field is an extra property in 3.0' }), true],
      ['3.0.0', { ...header }, false], // referenceStateHeaderId is required
      ['3.0.0', [], false],
      ['2.0.0', null, false],
    ];
    for (const [version, message, valid] of cases) {
      const verdicts = { fast: FAST_VISUALIZATION[version](message), ajv: ajv.validate('visualization', version, message).ok };
      expect({ version, message, ...verdicts }).toEqual({ version, message, fast: valid, ajv: valid });
    }
  });
});
