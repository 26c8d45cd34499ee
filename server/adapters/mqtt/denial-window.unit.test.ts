import { describe, expect, it } from 'vitest';
import { createDenialWindow, type MqttDenial, type ReportedDenial } from './denial-window';

const base: MqttDenial = {
  action: 'mqtt.publish',
  username: 'acme',
  clientId: 'c1',
  address: '127.0.0.1',
  topic: 'uagv/v2/Acme/B/state',
  reason: 'another robot',
};

function setup(maxKeys?: number) {
  let now = 1_000;
  const out: ReportedDenial[] = [];
  const w = createDenialWindow({ windowMs: 10_000, now: () => now, emit: (d) => out.push(d), maxKeys });
  return { w, out, at: (ms: number) => void (now = ms) };
}

describe('denial window', () => {
  it('reports the first refusal at once and its repeats within 10 s as one entry with a count', () => {
    const { w, out, at } = setup();
    w.report(base);
    expect(out).toEqual([{ ...base, count: 1, firstAt: 1_000, lastAt: 1_000 }]);
    for (let i = 1; i <= 50; i++) {
      at(1_000 + i * 100);
      w.report(base);
    }
    w.sweep();
    expect(out).toHaveLength(1); // the window is still open
    at(11_000);
    w.sweep();
    expect(out).toHaveLength(2);
    expect(out[1]).toMatchObject({ count: 50, firstAt: 1_100, lastAt: 6_000 });
  });

  it('keeps one entry per window while a flood goes on, and forgets a quiet key', () => {
    const { w, out, at } = setup();
    for (let t = 0; t < 60_000; t += 100) {
      at(1_000 + t);
      w.report(base);
      w.sweep();
    }
    // 600 refusals over 60 s: the first, then one summary per 10 s window.
    expect(out.length).toBeLessThanOrEqual(7);
    at(200_000);
    w.sweep();
    w.sweep();
    expect(out.reduce((n, d) => n + d.count, 0)).toBe(600);
    at(300_000);
    w.report(base);
    expect(out.at(-1)).toMatchObject({ count: 1, firstAt: 300_000 });
  });

  it('keeps different clients, actions and topics apart', () => {
    const { w, out } = setup();
    w.report(base);
    w.report({ ...base, clientId: 'c2' });
    w.report({ ...base, topic: 'uagv/v2/Acme/C/state' });
    w.report({ ...base, action: 'mqtt.subscribe' });
    w.report(base);
    expect(out.map((d) => d.count)).toEqual([1, 1, 1, 1]);
  });

  it('flush reports pending repeats', () => {
    const { w, out } = setup();
    w.report(base);
    w.report(base);
    w.report(base);
    w.flush();
    expect(out.map((d) => d.count)).toEqual([1, 2]);
  });

  it('past the key cap, new clients share one window per action', () => {
    const { w, out } = setup(2);
    w.report({ ...base, clientId: 'a' });
    w.report({ ...base, clientId: 'b' });
    for (let i = 0; i < 100; i++) w.report({ ...base, clientId: `flood-${i}` });
    expect(out).toHaveLength(3);
    w.flush();
    expect(out.reduce((n, d) => n + d.count, 0)).toBe(102);
  });
});
