import { describe, expect, it } from 'vitest';
import { aCommand } from './command-test-fixtures';
import { summariseOutcome } from './outcome-summary';

const name = (id: number) => `AGV-${id}`;

describe('outcome summary', () => {
  it('names the robot, the status and the outcome of a single command', () => {
    expect(summariseOutcome('Pause', [aCommand({ status: 'succeeded' })], name)).toEqual({
      tone: 'ok',
      title: 'Pause · AGV-1: succeeded',
      detail: null,
    });
    expect(
      summariseOutcome('Go to Dock 3', [aCommand({ status: 'timed_out', outcome: 'no acknowledgement after 4 attempts' })], name),
    ).toEqual({
      tone: 'bad',
      title: 'Go to Dock 3 · AGV-1: timed out',
      detail: 'no acknowledgement after 4 attempts',
    });
  });

  it('says a single expired command was never sent, with why', () => {
    const why = 'not sent within its TTL of 30.0 s: robot AGV-1 was not online (connectionbroken)';
    expect(summariseOutcome('Pause', [aCommand({ status: 'expired', outcome: why })], name)).toEqual({
      tone: 'warn',
      title: 'Pause · AGV-1: expired unsent',
      detail: why,
    });
  });

  it('counts a batch by status and lists the problems', () => {
    const batch = [
      aCommand({ id: 'a', robotId: 1, status: 'succeeded' }),
      aCommand({ id: 'b', robotId: 2, status: 'succeeded' }),
      aCommand({ id: 'c', robotId: 3, status: 'expired', outcome: 'robot offline' }),
    ];
    expect(summariseOutcome('Stop all', batch, name)).toEqual({
      tone: 'warn',
      title: 'Stop all · 3 robots: 2 succeeded, 1 expired',
      detail: 'AGV-3: robot offline',
    });
  });

  it('shortens long problem lists', () => {
    const batch = [1, 2, 3, 4, 5].map((i) => aCommand({ id: `c${i}`, robotId: i, status: 'rejected' }));
    const s = summariseOutcome('Charge', batch, name);
    expect(s.tone).toBe('bad');
    expect(s.detail).toBe('AGV-1: rejected; AGV-2: rejected; AGV-3: rejected (+2 more)');
  });
});
