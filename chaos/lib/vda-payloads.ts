// Generated MQTT traffic for the fuzz: valid VDA 5050 state / visualization / connection / factsheet messages of a
// few robots, mutated (hostile.ts), corrupted as text, or replaced by random bytes; on the robots' own topics
// mostly, some on hostile topics (long or odd serial numbers, wrong levels). Seeded: one seed, one sequence.
import fc from 'fast-check';
import { stateMessage } from '../../server/domain/testing/fixtures';
import { buildFactsheet } from '../../server/sim/vda-messages';
import { DEFAULT_LIMITS } from '../../server/sim/kinematics';
import { hostileString, mutate, mutations, toJson } from './hostile';

export const SUBTOPICS = ['state', 'visualization', 'connection', 'factsheet'] as const;
type Sub = (typeof SUBTOPICS)[number];

export interface FuzzMessage {
  topic: string;
  payload: Buffer;
  /** On a topic the app subscribes to (iface/v2/manufacturer/<one level>/<sub>): the gateway should see it. */
  routed: boolean;
  /** Cannot be a valid message whatever the app's schema (not a JSON object). */
  surelyInvalid: boolean;
  kind: string;
}

/** Fuzzed messages carry this fixed time, so one seed gives the same bytes on every run. */
const FUZZ_TIME = '2026-01-01T00:00:00.000Z';

export function validMessage(
  sub: Sub,
  manufacturer: string,
  serialNumber: string,
  headerId: number,
  timestamp = new Date().toISOString(),
): object {
  const header = { headerId, timestamp, version: '2.0.0', manufacturer, serialNumber };
  const agvPosition = { x: 12.5, y: 7.25, theta: 0.5, mapId: 'warehouse-1', positionInitialized: true };
  switch (sub) {
    case 'state':
      return stateMessage({ ...header, agvPosition, velocity: { vx: 0.5, vy: 0, omega: 0 } });
    case 'visualization':
      return { ...header, agvPosition, velocity: { vx: 0.5, vy: 0, omega: 0 } };
    case 'connection':
      return { ...header, connectionState: 'ONLINE' };
    case 'factsheet':
      return buildFactsheet(header, DEFAULT_LIMITS, 10);
  }
}

/** MQTT topic levels may not hold '/', '+', '#' or NUL (a protocol error, the broker's business, not the app's). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is one of the characters a topic level may not hold
const topicSafe = (s: string) => s.replace(/[/+#\u0000]/g, '_');

export function fuzzMessages(o: { iface: string; manufacturer: string; serials: number; seed: number; count: number }): FuzzMessage[] {
  const base = `${o.iface}/v2/${o.manufacturer}`;
  const serial = fc.nat({ max: o.serials - 1 }).map((i) => `FUZZ-${i}`);
  const sub = fc.constantFrom(...SUBTOPICS);
  const routedTopic = fc.tuple(serial, sub).map(([s, t]) => ({ topic: `${base}/${s}/${t}`, routed: true, serial: s, sub: t }));
  const hostileTopic = fc.oneof(
    fc
      .tuple(
        hostileString.map(topicSafe).filter((s) => s.length > 0 && s.length < 60_000),
        sub,
      )
      .map(([s, t]) => ({ topic: `${base}/${s}/${t}`, routed: true, serial: s, sub: t })),
    fc
      .tuple(serial, sub, fc.constantFrom('v3', 'v1', '', 'V2', '..'))
      .map(([s, t, v]) => ({ topic: `${o.iface}/${v}/${o.manufacturer}/${s}/${t}`, routed: false, serial: s, sub: t })),
    fc
      .tuple(serial, sub, fc.constantFrom('extra', '', 'x/y'))
      .map(([s, t, x]) => ({ topic: `${base}/${s}/${t}/${x}`, routed: false, serial: s, sub: t })),
    fc
      .tuple(serial, fc.constantFrom('order', 'instantActions', 'states', 'STATE', ''))
      .map(([s, t]) => ({ topic: `${base}/${s}/${t}`, routed: false, serial: s, sub: 'state' as Sub })),
    fc
      .tuple(serial, sub, fc.constantFrom('OtherMaker', 'ChaosBot', ''))
      .map(([s, t, m]) => ({ topic: `${o.iface}/v2/${m}/${s}/${t}`, routed: false, serial: s, sub: t })),
  );
  const topic = fc.oneof({ weight: 19, arbitrary: routedTopic }, { weight: 1, arbitrary: hostileTopic });
  type Body = { payload: Buffer; surelyInvalid: boolean; kind: string };
  const body = (serialNumber: string, s: Sub): fc.Arbitrary<Body> => {
    const valid = validMessage(s, o.manufacturer, serialNumber, 1, FUZZ_TIME);
    return fc.oneof(
      {
        weight: 14,
        arbitrary: mutations.map((ms) => ({ payload: Buffer.from(toJson(mutate(valid, ms))), surelyInvalid: false, kind: 'mutated' })),
      },
      { weight: 1, arbitrary: fc.constant({ payload: Buffer.from(JSON.stringify(valid)), surelyInvalid: false, kind: 'valid' }) },
      {
        weight: 2,
        arbitrary: fc
          .uint8Array({ maxLength: 512 })
          .map((b) => ({ payload: Buffer.from(b), surelyInvalid: !isJsonObject(b), kind: 'bytes' })),
      },
      { weight: 2, arbitrary: fc.tuple(fc.nat(), fc.nat({ max: 255 })).map(([at, byte]) => corrupt(JSON.stringify(valid), at, byte)) },
      {
        weight: 1,
        arbitrary: fc.constantFrom('', ' ', 'null', '[]', '"state"', '1e999', '{', '{}', '\u0000', 'ff fe 00 80 c3').map((t) => ({
          payload: t === 'ff fe 00 80 c3' ? Buffer.from([0xff, 0xfe, 0x00, 0x80, 0xc3]) : Buffer.from(t),
          surelyInvalid: t !== '{}',
          kind: 'primitive',
        })),
      },
    );
  };
  const message = topic.chain((t) => body(t.serial, t.sub).map((b) => ({ topic: t.topic, routed: t.routed, ...b })));
  return fc.sample(message, { seed: o.seed, numRuns: o.count });
}

function isJsonObject(bytes: Uint8Array): boolean {
  try {
    const v: unknown = JSON.parse(Buffer.from(bytes).toString('utf8'));
    return typeof v === 'object' && v !== null && !Array.isArray(v);
  } catch {
    return false;
  }
}

/** Valid JSON text cut short, or with one byte changed. */
function corrupt(text: string, at: number, byte: number): { payload: Buffer; surelyInvalid: boolean; kind: string } {
  const b = Buffer.from(text);
  const i = at % b.length;
  if (byte % 2 === 0) return { payload: b.subarray(0, i), surelyInvalid: true, kind: 'truncated' };
  const c = Buffer.from(b);
  c[i] = byte;
  return { payload: c, surelyInvalid: false, kind: 'byte-flip' };
}
