import { describe, expect, it } from 'vitest';
import { etaLabelIndices, etaText } from './path-eta';

describe('ETA labels along a path', () => {
  it('labels every point of a short path', () => {
    expect(etaLabelIndices(0)).toEqual([]);
    expect(etaLabelIndices(1)).toEqual([0]);
    expect(etaLabelIndices(3)).toEqual([0, 1, 2]);
  });

  it('spreads a few labels over a long path, ending at its last point', () => {
    expect(etaLabelIndices(9)).toEqual([2, 5, 8]);
    expect(etaLabelIndices(10)).toEqual([2, 6, 9]);
    expect(etaLabelIndices(4)).toEqual([0, 2, 3]);
    const many = etaLabelIndices(100, 5);
    expect(many).toHaveLength(5);
    expect(many.at(-1)).toBe(99);
  });

  it('reads the ETA as seconds from now', () => {
    const now = 1_000_000;
    expect(etaText(now + 4_000, now)).toBe('+4 s');
    expect(etaText(now + 4_400, now)).toBe('+4 s');
    expect(etaText(now + 125_000, now)).toBe('+2 min 05 s');
    expect(etaText(now + 300, now)).toBe('now');
    expect(etaText(now - 5_000, now)).toBe('now');
  });
});
