import superjson from 'superjson';
import { describe, expect, it } from 'vitest';
import { MAX_INPUT_DEPTH, nestsDeeperThan } from './input-depth';

const nested = (levels: number, leaf: unknown = 1) => {
  let v: unknown = leaf;
  for (let i = 0; i < levels; i++) v = i % 2 ? { a: v } : [v];
  return v;
};

describe('input depth', () => {
  it('counts object and array levels; scalars have none', () => {
    expect(nestsDeeperThan(1, 0)).toBe(false);
    expect(nestsDeeperThan({}, 0)).toBe(true);
    expect(nestsDeeperThan(nested(3), 3)).toBe(false);
    expect(nestsDeeperThan(nested(4), 3)).toBe(true);
    expect(nestsDeeperThan({ wide: Array.from({ length: 10_000 }, () => ({ x: [1] })) }, 4)).toBe(false);
  });

  it('refuses the inputs that overflowed superjson, without overflowing itself', () => {
    const deep = nested(200_000);
    expect(() => superjson.deserialize({ json: nested(20_000) } as never)).toThrow(/call stack/);
    expect(nestsDeeperThan(deep, MAX_INPUT_DEPTH)).toBe(true);
    expect(nestsDeeperThan({ json: {}, meta: { values: nested(20_000, 'undefined') } }, MAX_INPUT_DEPTH)).toBe(true);
  });

  it('lets real inputs through: a command with VDA 5050 action parameters', () => {
    const input = {
      json: { robotId: 3, type: 'goTo', params: { nodeId: 'n1', actions: [{ actionParameters: [{ key: 'k', value: { a: [1, 2] } }] }] } },
      meta: { values: { 'params.at': ['Date'] } },
    };
    expect(nestsDeeperThan(input, MAX_INPUT_DEPTH)).toBe(false);
  });
});
