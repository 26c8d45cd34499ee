import { beforeEach, describe, expect, it } from 'vitest';
import { pruneSelection, toggleId, unionIds, useFleetStore } from './fleet-store';

const state = () => useFleetStore.getState();

describe('fleet selection', () => {
  beforeEach(() => useFleetStore.setState({ selectedId: null, selectedIds: [], follow: false }));

  it('selects one robot, or none', () => {
    state().select(4);
    expect(state().selectedId).toBe(4);
    expect(state().selectedIds).toEqual([4]);
    state().select(null);
    expect(state().selectedIds).toEqual([]);
  });

  it('shift-click adds and removes, and the primary follows', () => {
    state().select(4);
    state().toggleSelected(2);
    expect(state().selectedIds).toEqual([2, 4]);
    expect(state().selectedId).toBe(2);
    state().toggleSelected(2);
    expect(state().selectedIds).toEqual([4]);
    expect(state().selectedId).toBe(4);
    state().toggleSelected(4);
    expect(state().selectedId).toBeNull();
  });

  it('box select replaces or adds, keeping the primary when still selected', () => {
    state().select(9);
    state().selectMany([3, 1], true);
    expect(state().selectedIds).toEqual([1, 3, 9]);
    expect(state().selectedId).toBe(9);
    state().selectMany([5], false);
    expect(state().selectedIds).toEqual([5]);
    expect(state().selectedId).toBe(5);
  });

  it('follow stops when nothing is selected', () => {
    state().select(1);
    state().setFollow(true);
    state().toggleSelected(1);
    expect(state().follow).toBe(false);
  });

  it('set helpers', () => {
    expect(toggleId([1, 3], 2)).toEqual([1, 2, 3]);
    expect(unionIds([3, 1], [1, 2])).toEqual([1, 2, 3]);
    const keep = [1, 2];
    expect(pruneSelection(keep, () => true)).toBe(keep);
    expect(pruneSelection(keep, (id) => id !== 1)).toEqual([2]);
  });
});
