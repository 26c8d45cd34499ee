// npx tsx bench/validate-visualization.ts [--iterations 200000] [--rounds 5]
// Micro-benchmark of the gateway's per-message work for the high-rate `visualization` topic, per protocol version:
// JSON.parse alone, Ajv alone (the official schema, compiled), the hand-written fast path alone
// (server/protocol/visualization-fast-path.ts), and JSON.parse + each, which is what inbound.ts does per message.
// Prints µs per message (median of the rounds); figures are printed, never compared against a threshold.
import { parseArgs } from 'node:util';
import { createSchemaValidator, type SchemaVersion } from '../server/protocol/schema-validator';
import { FAST_VISUALIZATION } from '../server/protocol/visualization-fast-path';
import { machineInfo } from './lib/machine';
import { table } from './lib/report';
import { round } from './lib/stats';

const { values } = parseArgs({ options: { iterations: { type: 'string' }, rounds: { type: 'string' } } });
const ITERATIONS = Number(values.iterations ?? 200_000);
const ROUNDS = Number(values.rounds ?? 5);
const VARIANTS = 1024;

// A small seeded PRNG: the same messages every run.
let seed = 0x5eed;
const rand = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const r3 = (v: number) => Math.round(v * 1000) / 1000;
const heading = () => Math.trunc((rand() * 2 - 1) * Math.PI * 1000) / 1000;

/** What the simulator sends at 10 Hz: header, pose and velocity (3.0: renamed, with a reference to the last state). */
function typical(version: SchemaVersion, i: number, pathPoints: number): Record<string, unknown> {
  const t = 1_760_000_000_000 + i * 100;
  const header = {
    headerId: i,
    timestamp: new Date(t).toISOString(),
    version,
    manufacturer: 'acme',
    serialNumber: `robot-${i % 2000}`,
  };
  const pose = { x: r3(rand() * 200), y: r3(rand() * 80), theta: heading(), mapId: 'warehouse-1' };
  const velocity = { vx: r3(rand() * 2), vy: 0, omega: r3(rand() - 0.5) };
  if (version !== '3.0.0') return { ...header, agvPosition: { ...pose, positionInitialized: true }, velocity };
  const polyline = Array.from({ length: pathPoints }, (_, k) => ({
    x: r3(rand() * 200),
    y: r3(rand() * 80),
    theta: heading(),
    eta: new Date(t + (k + 1) * 1500).toISOString(),
  }));
  return {
    ...header,
    referenceStateHeaderId: Math.floor(i / 300),
    mobileRobotPosition: { ...pose, localized: true, localizationScore: r3(rand()) },
    velocity,
    ...(pathPoints > 0 && { intermediatePath: { polyline } }),
  };
}

const cases: { name: string; version: SchemaVersion; pathPoints: number }[] = [
  { name: '2.0.0', version: '2.0.0', pathPoints: 0 },
  { name: '2.1.0', version: '2.1.0', pathPoints: 0 },
  { name: '3.0.0', version: '3.0.0', pathPoints: 0 },
  { name: '3.0.0 + 10-point intermediatePath', version: '3.0.0', pathPoints: 10 },
];

const ajvOnly = createSchemaValidator({ visualizationFastPath: false });
const wired = createSchemaValidator();
let sink = 0;

/**
 * Median µs per message of each of `works` over ROUNDS rounds of ITERATIONS calls each, cycling through the
 * variants. The works take turns within every round, so a slow spell of the machine (other processes, GC) lands on
 * all of them rather than on one.
 */
function measure(works: ((i: number) => unknown)[]): number[] {
  for (const work of works) for (let i = 0; i < 20_000; i++) if (work(i & (VARIANTS - 1))) sink++; // warm-up: let the JIT settle
  const times = works.map(() => [] as number[]);
  for (let r = 0; r < ROUNDS; r++) {
    works.forEach((work, w) => {
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < ITERATIONS; i++) if (work(i & (VARIANTS - 1))) sink++;
      times[w]!.push(Number(process.hrtime.bigint() - t0) / 1000 / ITERATIONS);
    });
  }
  return times.map((t) => t.sort((a, b) => a - b)[Math.floor(t.length / 2)]!);
}

const rows: Record<string, string | number>[] = [];
for (const c of cases) {
  const texts = Array.from({ length: VARIANTS }, (_, i) => JSON.stringify(typical(c.version, i, c.pathPoints)));
  // Parsed, as the gateway has them: JSON.parse gives objects of one shape (V8 map) per key order.
  const objects = texts.map((t) => JSON.parse(t) as unknown);
  const fast = FAST_VISUALIZATION[c.version];
  for (const o of objects) {
    if (!ajvOnly.validate('visualization', c.version, o).ok || !fast(o)) throw new Error(`bench message refused: ${JSON.stringify(o)}`);
  }
  const [parse, ajv, fastOnly, wiredOnly] = measure([
    (i) => JSON.parse(texts[i]!),
    (i) => ajvOnly.validate('visualization', c.version, objects[i]!).ok,
    (i) => fast(objects[i]!),
    (i) => wired.validate('visualization', c.version, objects[i]!).ok,
  ]) as [number, number, number, number];
  const [parseAjv, parseWired] = measure([
    (i) => ajvOnly.validate('visualization', c.version, JSON.parse(texts[i]!)).ok,
    (i) => wired.validate('visualization', c.version, JSON.parse(texts[i]!)).ok,
  ]) as [number, number];
  rows.push({
    version: c.name,
    bytes: Math.round(texts.reduce((s, t) => s + t.length, 0) / texts.length),
    'JSON.parse': round(parse, 3),
    'Ajv validate()': round(ajv, 3),
    'fast fn': round(fastOnly, 3),
    'fast validate()': round(wiredOnly, 3),
    'parse+Ajv': round(parseAjv, 3),
    'parse+fast': round(parseWired, 3),
    'Ajv/fast validate()': round(ajv / wiredOnly, 1),
  });
}

const m = machineInfo();
table(
  `visualization validation, µs per message (Ajv: createSchemaValidator({ visualizationFastPath: false }); median of ${ROUNDS} rounds × ${ITERATIONS}; ${m.cores} × ${m.cpuModel}, node ${m.node}; sink ${sink % 7})`,
  rows,
);
