import { describe, expect, it } from 'vitest';
import {
  cancelOrder,
  factsheetRequest,
  initPosition,
  instantAction,
  startCharging,
  startPause,
  stateRequest,
  stopCharging,
  stopPause,
} from './instant-actions';

describe('instant action builders', () => {
  it('use the spec field names and a UUID actionId by default', () => {
    const builders = { startPause, stopPause, cancelOrder, startCharging, stopCharging, stateRequest, factsheetRequest };
    for (const [type, build] of Object.entries(builders)) {
      const a = build();
      expect(a.actionType).toBe(type);
      expect(a.actionId).toMatch(/^[0-9a-f-]{36}$/);
      expect(['NONE', 'SOFT', 'HARD']).toContain(a.blockingType);
      expect(a).not.toHaveProperty('actionParameters');
    }
    expect(startPause().actionId).not.toBe(startPause().actionId);
  });

  it('initPosition carries x, y, theta, mapId and lastNodeId as key/value parameters', () => {
    const a = initPosition({ x: 1.5, y: -2, theta: 0.5, mapId: 'floor-1', lastNodeId: 'N7' }, { actionId: 'init-1' });
    expect(a).toEqual({
      actionType: 'initPosition',
      actionId: 'init-1',
      blockingType: 'HARD',
      actionParameters: [
        { key: 'x', value: 1.5 },
        { key: 'y', value: -2 },
        { key: 'theta', value: 0.5 },
        { key: 'mapId', value: 'floor-1' },
        { key: 'lastNodeId', value: 'N7' },
      ],
    });
    expect(() => initPosition({ x: Number.NaN, y: 0, theta: 0, mapId: 'm', lastNodeId: 'n' })).toThrow(/finite/);
  });

  it('takes overrides and manufacturer-specific actions', () => {
    expect(cancelOrder({ actionId: 'c', blockingType: 'SOFT', actionDescription: 'operator' })).toEqual({
      actionType: 'cancelOrder',
      actionId: 'c',
      blockingType: 'SOFT',
      actionDescription: 'operator',
    });
    expect(instantAction('honk', [{ key: 'times', value: 2 }], { actionId: 'h' })).toEqual({
      actionType: 'honk',
      actionId: 'h',
      blockingType: 'NONE',
      actionParameters: [{ key: 'times', value: 2 }],
    });
  });
});
