import { describe, expect, it } from 'vitest';
import { boolArray, numberArray, textArray } from './pg-array';

describe('postgres array literals', () => {
  it('encodes numbers with NULL for missing and non-finite values', () => {
    expect(numberArray([1, 2.5, null, undefined, Number.NaN, -3e-7])).toBe('{1,2.5,NULL,NULL,NULL,-3e-7}');
  });
  it('encodes booleans', () => {
    expect(boolArray([true, false, null])).toBe('{t,f,NULL}');
  });
  it('quotes text and escapes quotes and backslashes', () => {
    expect(textArray(['a', 'b c', 'q"x', 'back\\slash', 'NULL', null, '{,}'])).toBe(
      '{"a","b c","q\\"x","back\\\\slash","NULL",NULL,"{,}"}',
    );
  });
  it('encodes empty arrays', () => {
    expect(numberArray([])).toBe('{}');
  });
});
