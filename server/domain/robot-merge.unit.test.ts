import { describe, expect, it } from 'vitest';
import { mergeConnection, mergeState, mergeVisualization, moveInPlace, newRobotView } from './robot-merge';
import { robotStatus } from './robot';
import type { StateMessage } from './vda5050/messages';
import { stateMessage } from './testing/fixtures';

const header = { headerId: 1, timestamp: '2026-11-28T10:00:00.000Z', version: '2.0.0', manufacturer: 'M', serialNumber: 'S1' };
const state = (over: Partial<StateMessage> = {}) => stateMessage({ lastNodeId: 'n1', driving: true, ...over });

describe('robot merge', () => {
  it('a visualization moves the pose and marks a silent robot online', () => {
    const r = mergeVisualization(
      newRobotView(1, 'M', 'S1'),
      { ...header, agvPosition: { x: 1, y: 2, theta: 0.5, mapId: 'w', positionInitialized: true }, velocity: { vx: 3, vy: 4 } },
      1000,
    );
    expect(r.view.pose).toEqual({ x: 1, y: 2, theta: 0.5, mapId: 'w' });
    expect(r.view.speed).toBe(5);
    expect(r.view.connection).toBe('ONLINE');
    expect(r.poseChanged).toBe(true);
    expect(r.viewChanged).toBe(true);
    expect(r.events).toEqual([{ kind: 'connection', detail: { from: 'OFFLINE', to: 'ONLINE', reason: 'telemetry' } }]);
    const again = mergeVisualization(
      r.view,
      { ...header, agvPosition: { x: 2, y: 2, theta: 0.5, mapId: 'w', positionInitialized: true } },
      1100,
    );
    expect(again.viewChanged).toBe(false);
    expect(again.events).toEqual([]);
  });

  it('moves an online robot in place, and leaves anything else to the full merge', () => {
    const pos = (x: number) => ({
      ...header,
      agvPosition: { x, y: 2, theta: 0.5, mapId: 'w', positionInitialized: true },
      velocity: { vx: 0, vy: 2 },
    });
    const fresh = newRobotView(1, 'M', 'S1');
    expect(moveInPlace(fresh, pos(1), 1000)).toBe(false); // offline, no pose yet: events to raise
    expect(fresh).toEqual(newRobotView(1, 'M', 'S1'));
    const view = mergeVisualization(fresh, pos(1), 1000).view;
    const before = { ...view };
    expect(moveInPlace(view, pos(7), 1100)).toBe(true);
    expect(view).toEqual({ ...before, pose: { x: 7, y: 2, theta: 0.5, mapId: 'w' }, speed: 2, lastSeenAt: 1100 });
    expect(moveInPlace({ ...view, stale: true }, pos(8), 1200)).toBe(false); // coming back from silence is an event
    expect(moveInPlace(view, { ...pos(8), version: '2.1.0' }, 1200)).toBe(false); // a version change is shown
    expect(view.pose).toEqual({ x: 7, y: 2, theta: 0.5, mapId: 'w' });
  });

  it('state changes produce events for errors, pause, charging and mode', () => {
    const online = mergeConnection(newRobotView(1, 'M', 'S1'), { ...header, connectionState: 'ONLINE' }, 0).view;
    const a = mergeState(online, state(), 1);
    expect(a.events).toEqual([{ kind: 'mode_changed', detail: { from: null, to: 'AUTOMATIC' } }]);
    const b = mergeState(
      a.view,
      state({
        paused: true,
        driving: false,
        errors: [{ errorType: 'driveFault', errorLevel: 'FATAL' }],
        batteryState: { batteryCharge: 79, charging: true },
      }),
      2,
    );
    expect(b.events.map((e) => e.kind).sort()).toEqual(['charging_started', 'error_raised', 'paused']);
    expect(robotStatus(b.view)).toBe('error');
    const c = mergeState(b.view, state({ paused: false, batteryState: { batteryCharge: 79, charging: true } }), 3);
    expect(c.events.map((e) => e.kind).sort()).toEqual(['error_cleared', 'resumed']);
    expect(robotStatus(c.view)).toBe('charging');
  });

  it('connection loss stops the robot and is an event', () => {
    const online = mergeState(newRobotView(1, 'M', 'S1'), state(), 1).view;
    const lost = mergeConnection(online, { ...header, connectionState: 'CONNECTIONBROKEN' }, 2);
    expect(lost.view.driving).toBe(false);
    expect(robotStatus(lost.view)).toBe('offline');
    expect(lost.events).toEqual([{ kind: 'connection', detail: { from: 'ONLINE', to: 'CONNECTIONBROKEN' } }]);
  });

  it('small battery drift alone does not count as a view change', () => {
    const a = mergeState(newRobotView(1, 'M', 'S1'), state(), 1).view;
    expect(mergeState(a, state({ batteryState: { batteryCharge: 79.9, charging: false } }), 2).viewChanged).toBe(false);
    expect(mergeState(a, state({ batteryState: { batteryCharge: 79, charging: false } }), 2).viewChanged).toBe(true);
  });
});
