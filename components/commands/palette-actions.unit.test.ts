import { describe, expect, it } from 'vitest';
import { isPaletteShortcut, rankActions, type PaletteAction } from './palette-actions';

const a = (id: string, label: string, keywords?: string): PaletteAction => ({ id, label, keywords, run: () => {} });
const actions = [a('resume', 'Resume'), a('stop', 'Stop all robots', 'halt pause'), a('pause', 'Pause'), a('charge', 'Stop charging')];

describe('palette actions', () => {
  it('keeps everything in order for an empty query', () => {
    expect(rankActions(actions, ' ').map((x) => x.id)).toEqual(['resume', 'stop', 'pause', 'charge']);
  });

  it('ranks label prefixes first, then word prefixes, then keyword matches', () => {
    expect(rankActions(actions, 'pause').map((x) => x.id)).toEqual(['pause', 'stop']);
    expect(rankActions(actions, 'charg').map((x) => x.id)).toEqual(['charge']);
    expect(rankActions(actions, 'stop').map((x) => x.id)).toEqual(['stop', 'charge']);
    expect(rankActions(actions, 'zzz')).toEqual([]);
  });

  it('opens on Ctrl+K and Cmd+K only', () => {
    const k = { key: 'k', ctrlKey: false, metaKey: false, altKey: false, shiftKey: false };
    expect(isPaletteShortcut({ ...k, ctrlKey: true })).toBe(true);
    expect(isPaletteShortcut({ ...k, metaKey: true, key: 'K' })).toBe(true);
    expect(isPaletteShortcut(k)).toBe(false);
    expect(isPaletteShortcut({ ...k, ctrlKey: true, shiftKey: true })).toBe(false);
  });
});
