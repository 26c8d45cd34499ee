import { describe, expect, it } from 'vitest';
import { pgJson, pgSafe, pgText } from './pg-safe';

describe('text made safe for Postgres', () => {
  it('replaces NUL and lone surrogates, keeps everything else (pairs included)', () => {
    expect(pgText('a\u0000b')).toBe('a\uFFFDb');
    expect(pgText('x\uD800y\uDC00z')).toBe('x\uFFFDy\uFFFDz');
    expect(pgText('ok 😀 é')).toBe('ok 😀 é');
    const s = 'unchanged';
    expect(pgText(s)).toBe(s);
  });

  it('the bytes ff fe 00 80 c3 decoded as UTF-8, and the JSON.parse error about them, come out storable', () => {
    const text = Buffer.from([0xff, 0xfe, 0x00, 0x80, 0xc3]).toString('utf8');
    let message = '';
    try {
      JSON.parse(text);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(pgText(text)).not.toContain('\u0000');
    expect(pgJson({ detail: `malformed JSON: ${message}` })).not.toMatch(/\\u0000/);
  });

  it('cleans nested values and keys, leaves clean values as they are', () => {
    const clean = { a: [1, 'b', { c: null }] };
    expect(pgSafe(clean)).toBe(clean);
    expect(pgSafe({ 'k\u0000': ['v\u0000', { d: '\uDBFF' }], n: 1 })).toEqual({ 'k\uFFFD': ['v\uFFFD', { d: '\uFFFD' }], n: 1 });
  });

  it('pgJson writes no escape jsonb refuses, and keeps an escaped backslash that only looks like one', () => {
    expect(pgJson({ a: 'x\u0000', b: '\uD83D' })).toBe('{"a":"x\uFFFD","b":"\uFFFD"}');
    expect(pgJson({ a: '\\u0000' })).toBe(JSON.stringify({ a: '\\u0000' }));
    expect(pgJson(undefined)).toBe('null');
  });
});
