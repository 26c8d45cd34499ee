import { describe, expect, it } from 'vitest';
import { newHeaderTrack, observeHeaderId, observeUnnumbered, REORDER_WINDOW } from './header-sequence';

describe('headerId sequence', () => {
  it('accepts consecutive ids and counts the ids a jump skipped', () => {
    const t = newHeaderTrack();
    expect(observeHeaderId(t, 5)).toEqual({ kind: 'first' });
    expect(observeHeaderId(t, 6)).toEqual({ kind: 'next' });
    expect(observeHeaderId(t, 10)).toEqual({ kind: 'gap', lost: 3 });
    expect(observeHeaderId(t, 11)).toEqual({ kind: 'next' });
  });

  it('takes any id after a reconnect as a new baseline', () => {
    const t = newHeaderTrack();
    observeHeaderId(t, 40);
    t.rebase = true;
    expect(observeHeaderId(t, 0)).toEqual({ kind: 'rebased' });
    expect(observeHeaderId(t, 1)).toEqual({ kind: 'next' });
    t.rebase = true;
    expect(observeHeaderId(t, 2)).toEqual({ kind: 'next' }); // a reconnect that kept counting is just the next one
    expect(t.rebase).toBe(false);
  });

  it('reports duplicates without losing its place, and follows a big silent reset', () => {
    const t = newHeaderTrack();
    observeHeaderId(t, 100);
    expect(observeHeaderId(t, 100)).toEqual({ kind: 'regression', previous: 100 });
    expect(observeHeaderId(t, 101)).toEqual({ kind: 'next' });
    expect(observeHeaderId(t, 101 - REORDER_WINDOW - 1)).toEqual({ kind: 'regression', previous: 101 });
    expect(observeHeaderId(t, 101 - REORDER_WINDOW)).toEqual({ kind: 'next' });
  });
});

describe('rejected messages without a readable headerId', () => {
  it('each explains one skipped id of the next jump, and no more', () => {
    const t = newHeaderTrack();
    observeHeaderId(t, 1);
    observeUnnumbered(t);
    expect(observeHeaderId(t, 3)).toEqual({ kind: 'next' });
    observeUnnumbered(t);
    expect(observeHeaderId(t, 6)).toEqual({ kind: 'gap', lost: 1 });
    expect(t.unnumbered).toBe(0);
  });
});
