// The importer with a fake publisher and clock: validation, pacing by speed, timestamps rewritten, bounds, abort.
import { describe, expect, it } from 'vitest';
import { createHistoryImporter } from './history-importer';
import { MAX_IMPORT_LINE_CHARS } from './import-line';

const T0 = Date.UTC(2026, 0, 1);

function harness() {
  let now = 1_000_000;
  const sent: { topic: string; payload: Record<string, unknown>; at: number; qos: number }[] = [];
  const slept: number[] = [];
  let closed = false;
  const importer = createHistoryImporter({
    clock: { now: () => now },
    iface: 'target',
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
    connect: async () => ({
      publish: async (topic, payload, o) => void sent.push({ topic, payload: JSON.parse(payload), at: now, qos: o.qos }),
      close: async () => void (closed = true),
    }),
  });
  return { importer, sent, slept, closed: () => closed };
}

const line = (ms: number, sub = 'visualization', serial = 'R-1', extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    topic: `uagv/v2/Acme/${serial}/${sub}`,
    receivedAt: T0 + ms,
    payload: {
      headerId: ms,
      timestamp: new Date(T0 + ms).toISOString(),
      version: '2.0.0',
      manufacturer: 'Acme',
      serialNumber: serial,
      ...extra,
    },
  });

async function* of(lines: string[]) {
  yield* lines;
}

describe('history importer', () => {
  it('publishes at the recorded pace divided by speed, under the target interface, with fresh timestamps', async () => {
    const h = harness();
    const report = await h.importer.importLines(of([line(0), line(1000), line(3000, 'state'), line(3000, 'connection', 'R-2')]), {
      speed: 4,
    });
    expect(report).toMatchObject({ lines: 4, published: 4, refused: 0, robots: 2 });
    expect(h.sent.map((s) => s.at - h.sent[0]!.at)).toEqual([0, 250, 750, 750]);
    expect(h.sent[0]!.topic).toBe('target/v2/Acme/R-1/visualization');
    expect(h.sent[0]!.payload.timestamp).toBe(new Date(1_000_000).toISOString());
    expect(h.sent.map((s) => s.qos)).toEqual([0, 0, 1, 1]);
    expect(h.sent[1]!.payload.headerId).toBe(1000);
    expect(h.closed()).toBe(true);
  });

  it('as fast as possible (speed 0) never waits', async () => {
    const h = harness();
    await h.importer.importLines(of([line(0), line(60_000), line(120_000)]), { speed: 0 });
    expect(h.slept).toEqual([]);
  });

  it('refuses bad lines with reasons and goes on', async () => {
    const h = harness();
    const report = await h.importer.importLines(
      of([
        'not json',
        JSON.stringify({ topic: 'a/b', receivedAt: 1, payload: {} }),
        line(0, 'order'),
        JSON.stringify({ ...JSON.parse(line(0)), topic: 'uagv/v2/Acme/R-9/visualization' }),
        'x'.repeat(MAX_IMPORT_LINE_CHARS + 1),
        '',
        line(10),
      ]),
      { speed: 0 },
    );
    expect(report).toMatchObject({ lines: 6, published: 1, refused: 5 });
    expect(report.reasons.join('\n')).toMatch(
      /not JSON[\s\S]*unknown topic[\s\S]*unknown topic[\s\S]*differ from the topic[\s\S]*longer than/,
    );
  });

  it('stops when aborted', async () => {
    const h = harness();
    const abort = new AbortController();
    async function* lines() {
      yield line(0);
      yield line(10);
      abort.abort();
      yield line(20);
    }
    const report = await h.importer.importLines(lines(), { speed: 0, signal: abort.signal });
    expect(report.published).toBe(2);
  });
});
