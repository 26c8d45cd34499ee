// While replaying, the live feed must not touch what the page shows, and going live must show the latest live state.
import { afterEach, describe, expect, it } from 'vitest';
import type { RobotView } from '@/server/domain/robot';
import { useFleetStore } from './fleet-store';
import { FleetSync } from './fleet-sync';
import { poseStore } from './pose-store';

function robot(id: number, x: number): RobotView {
  return {
    id,
    manufacturer: 'm',
    serialNumber: `S${id}`,
    name: '',
    connection: 'ONLINE',
    pose: { x, y: 0, theta: 0, mapId: 'm' },
    speed: 1,
    battery: 80,
    charging: false,
    driving: true,
    paused: false,
    operatingMode: 'AUTOMATIC',
    errors: [],
    orderId: null,
    lastNodeId: null,
    lastSeenAt: 1000,
    protocolVersion: '2.0.0',
  };
}

describe('FleetSync while replaying', () => {
  let sync: FleetSync | null = null;
  afterEach(() => {
    sync?.stop();
    useFleetStore.setState({ replayAt: null, ids: [], robots: {}, selectedId: null, selectedIds: [] });
  });

  it('keeps following the feed without writing the stores, then restores them when live again', () => {
    sync = new FleetSync(() => {});
    sync.start();
    sync.snapshot({ seq: 1, serverTime: 1000, robots: [robot(1, 0), robot(2, 0)] });
    expect(useFleetStore.getState().ids).toEqual([1, 2]);

    // Replay takes over: what it writes stays.
    useFleetStore.setState({ replayAt: 500, ids: [1], robots: { 1: robot(1, -5) } });
    poseStore.entries.get(1)!.x = -5;
    sync.frame({ seq: 2, serverTime: 1100, poses: [1, 7, 0, 0, 1, 1100], robots: [robot(3, 9)], removed: [2] });
    sync.snapshot({ seq: 3, serverTime: 1200, robots: [robot(1, 8), robot(3, 9)] });
    sync.frame({ seq: 4, serverTime: 1300, poses: [1, 9, 0, 0, 1, 1300], robots: [], removed: [] });
    expect(useFleetStore.getState().ids).toEqual([1]);
    expect(useFleetStore.getState().robots[1]!.pose!.x).toBe(-5);
    expect(poseStore.entries.get(1)!.x).toBe(-5);

    // Live again: the latest live state, at once.
    useFleetStore.setState({ replayAt: null });
    expect(useFleetStore.getState().ids).toEqual([1, 3]);
    expect(useFleetStore.getState().robots[1]!.pose!.x).toBe(9);
    expect(poseStore.entries.get(1)!.x).toBe(9);
    expect(poseStore.entries.has(2)).toBe(false);
  });
});
