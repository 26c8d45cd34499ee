import { describe, expect, it } from 'vitest';
import { scaleBarMetres } from './minimap-scale';

describe('minimap scale bar', () => {
  it('is a round length near a fifth of the site width', () => {
    expect(scaleBarMetres(120)).toBe(20);
    expect(scaleBarMetres(60)).toBe(10);
    expect(scaleBarMetres(250)).toBe(50);
    expect(scaleBarMetres(8)).toBe(2);
  });
});
