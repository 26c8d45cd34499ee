import { describe, expect, it } from 'vitest';
import type { CommandView } from '../domain/commands/command';
import { executeSpan } from './command-tracing';

const base = {
  acknowledgedAt: null,
  runningAt: null,
  finishedAt: null,
  outcome: null,
  status: 'succeeded',
} as Pick<CommandView, 'acknowledgedAt' | 'runningAt' | 'finishedAt' | 'outcome' | 'status'>;
const cmd = (c: Partial<CommandView>) => ({ ...base, ...c }) as CommandView;

describe("a command's execute span", () => {
  it('runs from the acknowledgement to the end, so a drive shows as the long bar it is', () => {
    const s = executeSpan(cmd({ acknowledgedAt: 1000, runningAt: 1200, finishedAt: 53_660 }), 60_000);
    expect(s).toEqual({ startMs: 1000, endMs: 53_660, outcome: 'ok', detail: 'acknowledged → succeeded' });
  });

  it('starts at running when no acknowledgement was recorded, and says how it ended', () => {
    const s = executeSpan(cmd({ runningAt: 2000, finishedAt: 5000, status: 'failed', outcome: 'blocked' }), 6000);
    expect(s).toMatchObject({ startMs: 2000, endMs: 5000, outcome: 'error', detail: 'running → failed: blocked' });
    expect(executeSpan(cmd({ acknowledgedAt: 1, finishedAt: 2, status: 'cancelled' }), 3)!.outcome).toBe('superseded');
  });

  it('is absent when the robot never took the command', () => {
    expect(executeSpan(cmd({ status: 'expired', finishedAt: 30_000 }), 30_000)).toBeNull();
  });
});
