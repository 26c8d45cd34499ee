import { describe, expect, it } from 'vitest';
import { COMMAND_STATUSES, FINAL_STATUSES, isFinal, type CommandStatus } from './command';
import { canTransition, IllegalTransitionError, pathTo, timingColumn, transition, TRANSITIONS } from './state-machine';

// The full allowed set, written out once more by hand: any change to the table must change this test too.
const ALLOWED = new Set([
  'requested>queued',
  'requested>rejected',
  'queued>dispatched',
  'queued>expired',
  'queued>cancelled',
  'queued>rejected',
  'dispatched>acknowledged',
  'dispatched>timed_out',
  'dispatched>failed',
  'dispatched>cancelled',
  'acknowledged>running',
  'acknowledged>succeeded',
  'acknowledged>failed',
  'acknowledged>cancelled',
  'acknowledged>timed_out',
  'running>succeeded',
  'running>failed',
  'running>cancelled',
  'running>timed_out',
]);

describe('command state machine', () => {
  it('allows exactly the documented transitions, for every pair of statuses', () => {
    for (const from of COMMAND_STATUSES) {
      for (const to of COMMAND_STATUSES) {
        const allowed = ALLOWED.has(`${from}>${to}`);
        expect(canTransition(from, to), `${from} → ${to}`).toBe(allowed);
        if (allowed) expect(transition(from, to)).toBe(to);
        else expect(() => transition(from, to)).toThrow(IllegalTransitionError);
      }
    }
  });

  it('never leaves a final status and never returns to requested', () => {
    for (const s of FINAL_STATUSES) expect(TRANSITIONS[s]).toEqual([]);
    for (const s of COMMAND_STATUSES) expect(TRANSITIONS[s]).not.toContain('requested');
  });

  it('every non-final status can reach a final one, so no command is stuck by construction', () => {
    for (const s of COMMAND_STATUSES.filter((x) => !isFinal(x))) {
      expect(
        FINAL_STATUSES.some((f) => pathTo(s, f) !== null),
        s,
      ).toBe(true);
    }
  });

  it('a success can only be reached through the robot acknowledging', () => {
    expect(pathTo('queued', 'succeeded')).toEqual(['dispatched', 'acknowledged', 'succeeded']);
    expect(pathTo('dispatched', 'succeeded')).toEqual(['acknowledged', 'succeeded']);
    expect(pathTo('dispatched', 'running')).toEqual(['acknowledged', 'running']);
    expect(pathTo('running', 'succeeded')).toEqual(['succeeded']);
  });

  it('ignores stale and duplicate reports: no path backwards or out of a final status', () => {
    expect(pathTo('running', 'acknowledged')).toBeNull();
    expect(pathTo('succeeded', 'failed')).toBeNull();
    expect(pathTo('timed_out', 'succeeded')).toBeNull();
    expect(pathTo('acknowledged', 'acknowledged')).toEqual([]);
  });

  it('says in words why a transition is refused', () => {
    expect(() => transition('succeeded', 'cancelled')).toThrow('command is already succeeded; it cannot become cancelled');
    expect(() => transition('queued', 'running')).toThrow('a command cannot go from queued to running');
  });

  it('records a time for every status but requested', () => {
    const cols: Record<CommandStatus, string | null> = Object.fromEntries(COMMAND_STATUSES.map((s) => [s, timingColumn(s)])) as Record<
      CommandStatus,
      string | null
    >;
    expect(cols).toMatchObject({
      requested: null,
      queued: 'queuedAt',
      dispatched: 'dispatchedAt',
      acknowledged: 'acknowledgedAt',
      running: 'runningAt',
    });
    for (const f of FINAL_STATUSES) expect(cols[f]).toBe('finishedAt');
  });
});
