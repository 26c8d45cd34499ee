import { describe, expect, it } from 'vitest';
import { columnHeads, hiddenNote, layoutFor, shownColumns } from './ledger-columns';

const labels = (l: Parameters<typeof shownColumns>[0]) =>
  columnHeads(shownColumns(l), 'UTC').map((c) => (typeof c === 'string' ? c : c.label));

describe('ledger columns', () => {
  it('names the time zone of Issued and the base of every timing', () => {
    expect(labels('wide')).toEqual([
      'Issued (UTC)',
      'Robot',
      'Command',
      'Parameters',
      'Status',
      'Dispatched, after issued',
      'Acknowledged, after issued',
      'Done, after issued',
      'Issuer',
      'Sends',
      'Outcome',
      'Actions',
    ]);
  });

  it('always keeps Status, Outcome and the actions in a narrow table, saying what moved to the history', () => {
    for (const l of ['medium', 'narrow'] as const) expect(labels(l)).toEqual(expect.arrayContaining(['Status', 'Outcome', 'Actions']));
    expect(labels('narrow')).toEqual(['Issued (UTC)', 'Robot', 'Command', 'Status', 'Done, after issued', 'Outcome', 'Actions']);
    expect(hiddenNote('wide')).toBeNull();
    expect(hiddenNote('narrow')).toMatch(/issuer/);
  });

  it('picks the layout from the width', () => {
    expect(layoutFor(0)).toBe('wide');
    expect(layoutFor(1500)).toBe('wide');
    expect(layoutFor(1000)).toBe('medium');
    expect(layoutFor(600)).toBe('narrow');
  });
});
