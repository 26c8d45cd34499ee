import { describe, expect, it } from 'vitest';
import { initPositionParams } from './commands/command';
import { browserHopSchema } from './flow/live-flow-protocol';
import { epochMsSchema, MAX_EPOCH_MS, MAX_ROBOT_ID, robotIdSchema, seqCursorSchema } from './input-bounds';

const ok = (s: { safeParse(v: unknown): { success: boolean } }, v: unknown) => s.safeParse(v).success;

describe('input bounds', () => {
  it('times are whole milliseconds from 1970 to 9999: a JS Date and Postgres hold every one of them', () => {
    for (const t of [0, Date.now(), MAX_EPOCH_MS]) {
      expect(ok(epochMsSchema, t)).toBe(true);
      expect(new Date(t).toISOString()).toMatch(/^\d{4}-/);
    }
    for (const t of [-1, -Number.MAX_SAFE_INTEGER, MAX_EPOCH_MS + 1, Number.MAX_SAFE_INTEGER, 1e300, 0.5, Number.NaN, Infinity])
      expect(ok(epochMsSchema, t)).toBe(false);
  });

  it('robot ids fit Postgres integer', () => {
    expect(ok(robotIdSchema, MAX_ROBOT_ID)).toBe(true);
    for (const id of [0, -1, MAX_ROBOT_ID + 1, Number.MAX_SAFE_INTEGER, 1.5]) expect(ok(robotIdSchema, id)).toBe(false);
  });

  it('cursors are the decimal numbers this server gives out', () => {
    expect(ok(seqCursorSchema, '0')).toBe(true);
    expect(ok(seqCursorSchema, '999999999999999')).toBe(true);
    for (const c of ['', ' 1', '-5', '0x1f', '1e3', '9'.repeat(16), 'abc']) expect(ok(seqCursorSchema, c)).toBe(false);
  });

  it('initPosition coordinates and browser hops are bounded numbers', () => {
    expect(ok(initPositionParams, { x: 3, y: 4.25, theta: Math.PI / 2 })).toBe(true);
    expect(ok(initPositionParams, { x: 1e300, y: 0, theta: 0 })).toBe(false);
    expect(ok(initPositionParams, { nodeId: 'n-1', theta: 1e10 })).toBe(false);
    const hop = { traceId: 'a'.repeat(32), robotId: 1, receivedAt: Date.now(), renderedAt: Date.now() + 5.5 };
    expect(ok(browserHopSchema, hop)).toBe(true);
    expect(ok(browserHopSchema, { ...hop, robotId: 2 ** 40 })).toBe(false);
    expect(ok(browserHopSchema, { ...hop, receivedAt: 1e300, renderedAt: 1e301 })).toBe(false);
  });
});
