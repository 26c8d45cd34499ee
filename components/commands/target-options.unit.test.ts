import { describe, expect, it } from 'vitest';
import { filterTargets, targetOptions, targetParams } from './target-options';

const nodes = [
  { id: 'n-002', x: 1, y: 2 },
  { id: 'dock-10', x: 0, y: 0, place: { kind: 'dock' as const, name: 'Dock 10' } },
  { id: 'dock-2', x: 0, y: 0, place: { kind: 'dock' as const, name: 'Dock 2' } },
  { id: 'chg-1', x: 0, y: 0, place: { kind: 'charger' as const, name: 'Charger 1' } },
];

describe('target options', () => {
  it('lists named places by kind with natural number order, plain nodes last', () => {
    expect(targetOptions({ nodes }).map((o) => o.label)).toEqual(['Dock 2', 'Dock 10', 'Charger 1', 'n-002']);
  });

  it('filters by every typed word over name, id and kind', () => {
    const all = targetOptions({ nodes });
    expect(filterTargets(all, 'dock 2').map((o) => o.nodeId)).toEqual(['dock-2']);
    expect(filterTargets(all, 'charger').map((o) => o.nodeId)).toEqual(['chg-1']);
    expect(filterTargets(all, 'NODE').map((o) => o.nodeId)).toEqual(['n-002']);
    expect(filterTargets(all, '  ')).toHaveLength(4);
  });

  it('sends places by name for go-to and nodes by id for re-initialising', () => {
    const [dock2, , , plain] = targetOptions({ nodes });
    expect(targetParams('goTo', dock2!)).toEqual({ place: 'Dock 2' });
    expect(targetParams('goTo', plain!)).toEqual({ nodeId: 'n-002' });
    expect(targetParams('initPosition', dock2!)).toEqual({ nodeId: 'dock-2' });
  });
});
