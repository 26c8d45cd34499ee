import { describe, expect, it } from 'vitest';
import { rejectedHeaderId } from './rejected-header-id';

const raw = (s: string) => Buffer.from(s);

describe('the headerId of a rejected message', () => {
  it('is read from the parsed document when it is a uint32', () => {
    expect(rejectedHeaderId({ headerId: 12, agvPosition: { x: 'far' } }, raw(''), '/agvPosition/x')).toBe(12);
    expect(rejectedHeaderId({ headerId: 'not-a-number' }, raw(''), '/headerId')).toBeNull();
    expect(rejectedHeaderId({ headerId: -1 }, raw(''), '/version')).toBeNull();
    expect(rejectedHeaderId({ headerId: 2 ** 32 }, raw(''), '/version')).toBeNull();
    expect(rejectedHeaderId([1, 2], raw(''), undefined)).toBeNull();
  });

  it('is not trusted when the schema refused the headerId itself', () => {
    expect(rejectedHeaderId({ headerId: 7 }, raw(''), '/headerId')).toBeNull();
  });

  it('is read from the start of broken JSON, only when the number is complete', () => {
    expect(rejectedHeaderId(undefined, raw('{"headerId":41,"timestamp":"2026-12-02T1'), undefined)).toBe(41);
    expect(rejectedHeaderId(undefined, raw('{"headerId":41'), undefined)).toBeNull();
    expect(rejectedHeaderId(undefined, raw('{"version":"2.0.0"'), undefined)).toBeNull();
  });
});
