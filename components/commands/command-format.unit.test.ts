import { describe, expect, it } from 'vitest';
import { formatDelta, lifecycleTimings, paramsSummary, statusTone } from './command-format';

describe('command format', () => {
  it('summarises parameters per type', () => {
    expect(paramsSummary('goTo', { place: 'Dock 3' })).toBe('Dock 3');
    expect(paramsSummary('goTo', { nodeId: 'n-012' })).toBe('node n-012');
    expect(paramsSummary('charge', {})).toBe('nearest free charger');
    expect(paramsSummary('charge', { chargerNodeId: 'chg-2' })).toBe('charger chg-2');
    expect(paramsSummary('initPosition', { nodeId: 'n-1' })).toBe('at node n-1');
    expect(paramsSummary('initPosition', { x: 3, y: 4.25, theta: Math.PI / 2 })).toBe('x 3.0, y 4.3, 90°');
    expect(paramsSummary('pause', {})).toBe('');
  });

  it('formats deltas in ms, s and min, and a dash when a point was not reached', () => {
    expect(formatDelta(1000, 1120)).toBe('+120 ms');
    expect(formatDelta(0, 2400)).toBe('+2.40 s');
    expect(formatDelta(0, 12_300)).toBe('+12.3 s');
    expect(formatDelta(0, 125_000)).toBe('+2 min 5 s');
    expect(formatDelta(1000, null)).toBe('—');
    expect(formatDelta(null, 5)).toBe('—');
    expect(formatDelta(2000, 1000)).toBe('+0 ms');
  });

  it('measures each lifecycle step from the previous point reached', () => {
    expect(lifecycleTimings({ issuedAt: 0, dispatchedAt: 5, acknowledgedAt: 105, finishedAt: 1105 })).toEqual({
      dispatched: '+5 ms',
      acknowledged: '+100 ms',
      done: '+1.00 s',
    });
    // Expired before dispatch: done is measured from issue.
    expect(lifecycleTimings({ issuedAt: 0, dispatchedAt: null, acknowledgedAt: null, finishedAt: 30_000 })).toEqual({
      dispatched: '—',
      acknowledged: '—',
      done: '+30.0 s',
    });
  });

  it('gives every final status a tone', () => {
    expect(statusTone('succeeded')).toBe('ok');
    expect(statusTone('timed_out')).toBe('bad');
    expect(statusTone('rejected')).toBe('bad');
    expect(statusTone('expired')).toBe('warn');
    expect(statusTone('dispatched')).toBe('open');
  });
});
