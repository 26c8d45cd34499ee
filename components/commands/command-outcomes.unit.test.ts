import { beforeEach, describe, expect, it } from 'vitest';
import { noteCommandChanges, openWatchedIds, watchOutcomes } from './command-outcomes';
import { aCommand } from './command-test-fixtures';
import { useToastStore } from '@/components/ui/toast-store';

const titles = () => useToastStore.getState().toasts.map((t) => t.title);

describe('command outcomes', () => {
  beforeEach(() => useToastStore.setState({ toasts: [] }));

  it('raises one toast when the whole batch is final', () => {
    const a = aCommand({ id: 'a', robotId: 1 });
    const b = aCommand({ id: 'b', robotId: 2 });
    watchOutcomes('Pause', [a, b], () => undefined);
    expect(openWatchedIds().sort()).toEqual(['a', 'b']);
    noteCommandChanges([{ ...a, status: 'succeeded', updatedAt: 2000 }]);
    expect(titles()).toEqual([]);
    noteCommandChanges([{ ...b, status: 'failed', updatedAt: 2000, outcome: 'e-stop' }]);
    expect(titles()).toEqual(['Pause · 2 robots: 1 succeeded, 1 failed']);
    expect(openWatchedIds()).toEqual([]);
    noteCommandChanges([{ ...b, status: 'failed', updatedAt: 3000 }]);
    expect(titles()).toHaveLength(1);
  });

  it('uses a final status that arrived before the reply', () => {
    const c = aCommand({ id: 'c', robotId: 5 });
    watchOutcomes('Resume', [c], () => ({ ...c, status: 'succeeded', updatedAt: 1500 }));
    expect(titles()).toEqual(['Resume · robot #5: succeeded']);
  });
});
