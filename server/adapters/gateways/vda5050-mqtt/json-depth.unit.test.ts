import { describe, expect, it } from 'vitest';
import { jsonNestsDeeperThan, MAX_PAYLOAD_DEPTH } from './json-depth';

const deeper = (text: string, max = 3) => jsonNestsDeeperThan(Buffer.from(text), max);
const nested = (levels: number) => `${'{"a":['.repeat(levels / 2)}1${']}'.repeat(levels / 2)}`;

describe('jsonNestsDeeperThan', () => {
  it('counts objects and arrays inside each other, not side by side', () => {
    expect(deeper('{"a":{"b":[1]}}')).toBe(false);
    expect(deeper('{"a":{"b":[[1]]}}')).toBe(true);
    expect(deeper('[[[1]],[[2]],[[3]],{"x":{"y":1}}]')).toBe(false);
    expect(deeper('1')).toBe(false);
    expect(deeper('')).toBe(false);
  });

  it('does not count brackets inside strings, escaped quotes and backslashes included', () => {
    expect(deeper('{"a":"[[[[{{{{"}')).toBe(false);
    expect(deeper('{"a":"\\"[[[[[[", "b":"\\\\"}')).toBe(false);
    // After an escaped backslash the quote does end the string: the brackets after it count.
    expect(deeper('["\\\\",[[[1]]]]')).toBe(true);
    expect(deeper('{"[[[[": 1, "ü\\u005b": [1]}')).toBe(false);
  });

  it(`refuses the 100,000-level payload at once and passes VDA 5050's depth with room (${MAX_PAYLOAD_DEPTH})`, () => {
    expect(jsonNestsDeeperThan(Buffer.from('['.repeat(100_000) + ']'.repeat(100_000)), MAX_PAYLOAD_DEPTH)).toBe(true);
    expect(jsonNestsDeeperThan(Buffer.from(nested(MAX_PAYLOAD_DEPTH)), MAX_PAYLOAD_DEPTH)).toBe(false);
    expect(jsonNestsDeeperThan(Buffer.from(nested(MAX_PAYLOAD_DEPTH + 2)), MAX_PAYLOAD_DEPTH)).toBe(true);
  });
});
