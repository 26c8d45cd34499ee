import { describe, expect, it } from 'vitest';
import { newRobotView } from '@/server/domain/robot-merge';
import { MAX_SEARCH_ONLY, rankActions } from './palette-actions';
import { robotActions } from './palette-robots';

const robot = (id: number, name?: string) => ({
  ...newRobotView(id, 'SimRobotics', `SIM-${String(id).padStart(4, '0')}`, name),
  connection: 'ONLINE' as const,
});
const fleet = Array.from({ length: 24 }, (_, i) => robot(i + 1, i === 7 ? 'Forklift Fred' : undefined));

describe('palette robot search', () => {
  const followed: number[] = [];
  const opened: number[] = [];
  const actions = robotActions(fleet, { follow: (id) => followed.push(id), open: (id) => opened.push(id) });

  it('offers no robots before anything is typed', () => {
    expect(rankActions(actions, '')).toEqual([]);
  });

  it('finds a robot by its serial number, whole or in part, and follows it first', () => {
    const hits = rankActions(actions, 'SIM-0008');
    expect(hits.map((a) => a.id)).toEqual(['robot-follow-8', 'robot-open-8']);
    expect(rankActions(actions, '0008').map((a) => a.id)).toEqual(['robot-follow-8', 'robot-open-8']);
    hits[0]!.run();
    hits[1]!.run();
    expect(followed).toEqual([8]);
    expect(opened).toEqual([8]);
  });

  it('finds a robot by its name, and shows the name and status beside the serial', () => {
    const hits = rankActions(actions, 'fred');
    expect(hits[0]).toMatchObject({ id: 'robot-follow-8', label: 'Follow SIM-0008', hint: 'Forklift Fred · idle' });
  });

  it('caps a broad match so the list stays short', () => {
    expect(rankActions(actions, 'sim')).toHaveLength(MAX_SEARCH_ONLY);
  });
});
