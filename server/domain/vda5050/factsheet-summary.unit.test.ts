import { describe, expect, it } from 'vitest';
import { newRobotView, mergeSilence, mergeVisualization } from '../robot-merge';
import { summariseFactsheet, supportsAction } from './factsheet-summary';

describe('factsheet summary', () => {
  const f = summariseFactsheet({
    version: '2.0.0',
    typeSpecification: { seriesName: 'X1', agvClass: 'FORKLIFT', agvKinematic: 'DIFF', maxLoadMass: 1000 },
    physicalParameters: {
      speedMin: 0.1,
      speedMax: 2,
      accelerationMax: 1,
      decelerationMax: 1.5,
      heightMin: 0.2,
      heightMax: 2.5,
      width: 1.1,
      length: 2,
    },
    protocolFeatures: {
      agvActions: [
        { actionType: 'startPause', actionScopes: ['INSTANT'] },
        { actionType: 'pick', actionScopes: ['NODE', 'BOGUS'] },
        { actionScopes: ['INSTANT'] },
      ],
    },
  });

  it('keeps type, speed, size and supported actions', () => {
    expect(f).toMatchObject({
      protocolVersion: '2.0.0',
      seriesName: 'X1',
      agvClass: 'FORKLIFT',
      speedMax: 2,
      width: 1.1,
      length: 2,
      heightMax: 2.5,
    });
    expect(f.supportedActions).toEqual([
      { actionType: 'startPause', scopes: ['INSTANT'] },
      { actionType: 'pick', scopes: ['NODE'] },
    ]);
  });

  it('answers support per scope', () => {
    expect(supportsAction(f, 'startPause', 'INSTANT')).toBe(true);
    expect(supportsAction(f, 'pick', 'INSTANT')).toBe(false);
    expect(supportsAction(f, 'pick', 'NODE')).toBe(true);
    expect(supportsAction(f, 'cancelOrder', 'INSTANT')).toBe(false);
  });

  it('tolerates a partial document', () => {
    expect(summariseFactsheet({ physicalParameters: { speedMax: 'fast' } })).toMatchObject({ speedMax: null, supportedActions: [] });
    expect(summariseFactsheet(null).supportedActions).toEqual([]);
  });
});

describe('silence merge', () => {
  const online = mergeVisualization(
    newRobotView(1, 'M', 'S'),
    { headerId: 0, timestamp: '', version: '2.0.0', manufacturer: 'M', serialNumber: 'S' },
    1000,
  ).view;

  it('stale keeps the robot online (a stale event for the timeline); silent offline emits a connection event with the reason', () => {
    const stale = mergeSilence(online, { state: 'stale', silentForMs: 3100 });
    expect(stale).toMatchObject({
      view: { connection: 'ONLINE', stale: true },
      viewChanged: true,
      events: [{ kind: 'stale', detail: { silentForMs: 3100 } }],
    });
    const off = mergeSilence(stale.view, { state: 'offline', silentForMs: 30_000 });
    expect(off.view).toMatchObject({ connection: 'OFFLINE', lastSeenAt: 1000 });
    expect(off.events).toEqual([{ kind: 'connection', detail: { from: 'ONLINE', to: 'OFFLINE', reason: 'silent', silentForMs: 30_000 } }]);
    expect(mergeSilence(off.view, { state: 'offline', silentForMs: 40_000 }).events).toEqual([]);
  });

  it('any message clears stale', () => {
    const stale = mergeSilence(online, { state: 'stale', silentForMs: 3100 }).view;
    const back = mergeVisualization(stale, { headerId: 1, timestamp: '', version: '2.0.0', manufacturer: 'M', serialNumber: 'S' }, 5000);
    expect(back.view.stale).toBe(false);
    expect(back.viewChanged).toBe(true);
  });
});
