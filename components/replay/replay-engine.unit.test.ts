// The engine without a browser (no animation frames): a jump shows the fleet as history had it and keeps the live
// feed out, a failing history says so, and going live hands the stores back.
import { afterEach, describe, expect, it } from 'vitest';
import type { FleetAt, RobotAtView } from '@/server/domain/history/history-api';
import { useFleetStore } from '@/components/realtime/fleet-store';
import { poseStore } from '@/components/realtime/pose-store';
import { ReplayEngine } from './replay-engine';
import type { ReplaySource } from './replay-source';
import { useReplayStore } from './replay-store';

function robotAt(id: number, x: number, status: RobotAtView['status']): RobotAtView {
  return {
    id,
    manufacturer: 'm',
    serialNumber: `S${id}`,
    name: '',
    connection: 'ONLINE',
    pose: { x, y: 1, theta: 0, mapId: 'm' },
    speed: 0,
    battery: 50,
    charging: false,
    driving: status === 'driving',
    paused: status === 'paused',
    operatingMode: 'AUTOMATIC',
    errors: [],
    orderId: null,
    lastNodeId: null,
    lastSeenAt: 1000,
    protocolVersion: '2.0.0',
    sampleAt: 1000,
    status,
  };
}

function source(fleetAt: (at: number) => Promise<FleetAt>): ReplaySource & { calls: number[] } {
  const calls: number[] = [];
  return {
    calls,
    fleetAt: (at) => {
      calls.push(at);
      return fleetAt(at);
    },
    range: async (q) => ({ from: q.from, to: q.to, tier: 0, tracks: [], nextCursor: null }),
    events: async () => [],
  };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('ReplayEngine', () => {
  afterEach(() => {
    useFleetStore.setState({ replayAt: null, ids: [], robots: {}, selectedId: null, selectedIds: [] });
    useReplayStore.setState({ mode: 'live', playing: false, load: { state: 'idle' } });
    poseStore.entries.clear();
  });

  it('jumps: the list, the panel and the scene get the robots as they were', async () => {
    const src = source(async (at) => ({ at, tier: 'raw', robots: [robotAt(1, 4, 'paused'), robotAt(2, 7, 'driving')] }));
    const engine = new ReplayEngine(src);
    useFleetStore.setState({ selectedId: 9, selectedIds: [9] });
    const at = Date.now() - 60_000;
    engine.jump(at);
    expect(useFleetStore.getState().replayAt).toBe(at);
    expect(useReplayStore.getState()).toMatchObject({ mode: 'replay', load: { state: 'loading' } });
    await flush();
    expect(src.calls).toEqual([at]);
    const fleet = useFleetStore.getState();
    expect(fleet.ids).toEqual([1, 2]);
    expect(fleet.robots[1]).toMatchObject({ paused: true, pose: { x: 4 } });
    // A robot that did not exist then leaves the selection.
    expect(fleet.selectedIds).toEqual([]);
    expect(poseStore.entries.get(2)).toMatchObject({ x: 7, status: 'driving', hasPose: true });
    expect(useReplayStore.getState().load).toEqual({ state: 'ready', tier: 'raw' });
    engine.goLive();
    expect(useFleetStore.getState().replayAt).toBeNull();
    expect(useReplayStore.getState().mode).toBe('live');
  });

  it('says when history cannot be read, and never asks for a moment in the future', async () => {
    const src = source(async () => {
      throw new Error('history.fleetAt is down');
    });
    const engine = new ReplayEngine(src);
    engine.jump(Date.now() + 3_600_000);
    await flush();
    expect(src.calls[0]!).toBeLessThanOrEqual(Date.now());
    expect(useReplayStore.getState().load).toEqual({ state: 'failed', message: 'history.fleetAt is down' });
    engine.dispose();
    expect(useReplayStore.getState().mode).toBe('live');
  });

  it('drops the answer of a jump overtaken by another', async () => {
    let release: (f: FleetAt) => void = () => {};
    const src = source(
      (at) =>
        new Promise<FleetAt>((r) => {
          release = r;
          void at;
        }),
    );
    const engine = new ReplayEngine(src);
    engine.jump(1000);
    const first = release;
    engine.jump(2000);
    first({ at: 1000, tier: 'raw', robots: [robotAt(5, 0, 'idle')] });
    await flush();
    expect(useFleetStore.getState().ids).toEqual([]);
    release({ at: 2000, tier: 'raw', robots: [robotAt(6, 0, 'idle')] });
    await flush();
    expect(useFleetStore.getState().ids).toEqual([6]);
    engine.dispose();
  });
});
