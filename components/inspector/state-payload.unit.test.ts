import { describe, expect, it } from 'vitest';
import type { RecentMessage } from '@/server/ports/robot-protocol-reader';
import { newestValidState, readOrderSnapshot } from './state-payload';

const msg = (topic: string, valid: boolean, at: number): RecentMessage => ({
  direction: 'in',
  topic,
  headerId: at,
  at,
  size: 10,
  valid,
  violation: valid ? null : { path: '/x', reason: 'bad' },
  retained: false,
  payload: {},
});

describe('state payload', () => {
  it('interleaves nodes and edges by sequenceId and keeps the action states', () => {
    const o = readOrderSnapshot({
      orderId: 'o-1',
      orderUpdateId: 2,
      lastNodeId: 'n1',
      lastNodeSequenceId: 0,
      driving: true,
      nodeStates: [
        { nodeId: 'n3', sequenceId: 4, released: false },
        { nodeId: 'n2', sequenceId: 2, released: true },
      ],
      edgeStates: [
        { edgeId: 'e1', sequenceId: 1, released: true },
        { edgeId: 'e2', sequenceId: 3, released: false },
      ],
      actionStates: [
        { actionId: 'a1', actionType: 'pick', actionStatus: 'RUNNING' },
        { actionId: 'bad', actionStatus: 'NOPE' },
      ],
    });
    expect(o.route.map((s) => `${s.kind}:${s.id}:${s.released}`)).toEqual([
      'edge:e1:true',
      'node:n2:true',
      'edge:e2:false',
      'node:n3:false',
    ]);
    expect(o.actionStates).toEqual([{ actionId: 'a1', actionType: 'pick', actionStatus: 'RUNNING', resultDescription: undefined }]);
    expect(o).toMatchObject({ orderId: 'o-1', orderUpdateId: 2, lastNodeId: 'n1', driving: true, paused: null });
  });

  it('tolerates garbage', () => {
    expect(readOrderSnapshot('truncated {')).toMatchObject({ orderId: '', route: [], actionStates: [] });
  });

  it('finds the newest valid state in a newest-first log', () => {
    const log = [msg('visualization', true, 5), msg('state', false, 4), msg('state', true, 3), msg('state', true, 2)];
    expect(newestValidState(log)?.at).toBe(3);
  });
});
