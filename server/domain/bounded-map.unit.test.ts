import { expect, it } from 'vitest';
import { BoundedMap } from './bounded-map';

it('evicts the least recently used entry past its cap and counts it', () => {
  const m = new BoundedMap<string, number>(3);
  m.set('a', 1).set('b', 2).set('c', 3);
  m.get('a');
  m.set('d', 4);
  expect([...m.entries()].map(([k]) => k)).toEqual(['c', 'a', 'd']);
  expect(m.evicted).toBe(1);
  for (let i = 0; i < 1000; i++) m.getOrCreate(`k${i}`, () => i);
  expect(m.size).toBe(3);
  expect(m.evicted).toBe(1001);
});
