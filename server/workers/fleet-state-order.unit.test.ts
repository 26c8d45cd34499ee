// The live view never goes back in time: after a bus outage, another node's retried publishes arrive seconds late
// and out of order; one received (by its gateway) before the newest applied message of its robot and topic is
// ignored, so a robot's pose and lastSeenAt stay the newest.
import { describe, expect, it } from 'vitest';
import { createInProcessBus } from '../adapters/bus/in-process';
import { newEnvelope } from '../domain/envelope';
import { SUBJECTS } from '../domain/telemetry';
import type { RobotRegistry } from '../services/robot-registry';
import { createFleetStateStore } from './fleet-state';

const settle = () => new Promise((r) => setTimeout(r, 10));
const pose = (x: number, receivedAt: number) =>
  newEnvelope({
    subject: SUBJECTS.visualization,
    source: 'test',
    producedAt: receivedAt,
    receivedAt,
    payload: {
      topic: 'visualization',
      robotId: 1,
      manufacturer: 'M',
      serialNumber: 'R1',
      size: 100,
      message: {
        headerId: x,
        timestamp: new Date(receivedAt).toISOString(),
        version: '2.0.0',
        manufacturer: 'M',
        serialNumber: 'R1',
        agvPosition: { x, y: 0, theta: 0, mapId: 'm', positionInitialized: true },
      },
    },
  });

describe('fleet state order', () => {
  it('ignores a message received before the newest one applied for that robot and topic', async () => {
    const bus = createInProcessBus();
    const registry = { all: () => [], onRegistered: () => {} } as unknown as RobotRegistry;
    const store = createFleetStateStore({ bus, registry, clock: { now: () => 0 } });
    bus.publish(pose(5, 2000));
    await settle();
    expect(store.get(1)).toMatchObject({ pose: { x: 5 }, lastSeenAt: 2000 });
    bus.publish(pose(3, 1000)); // a retried publish from before, arriving late
    await settle();
    expect(store.get(1)).toMatchObject({ pose: { x: 5 }, lastSeenAt: 2000 });
    bus.publish(pose(7, 2100));
    await settle();
    expect(store.get(1)).toMatchObject({ pose: { x: 7 }, lastSeenAt: 2100 });
    // Another topic received a moment before that pose, arriving after it: applied, but last seen stays the newest.
    const online = {
      headerId: 1,
      timestamp: new Date(2050).toISOString(),
      version: '2.0.0',
      manufacturer: 'M',
      serialNumber: 'R1',
      connectionState: 'ONLINE',
    };
    bus.publish(
      newEnvelope({
        subject: SUBJECTS.connection,
        source: 'test',
        producedAt: 2050,
        receivedAt: 2050,
        payload: { topic: 'connection', robotId: 1, manufacturer: 'M', serialNumber: 'R1', size: 100, message: online },
      }),
    );
    await settle();
    expect(store.get(1)).toMatchObject({ connection: 'ONLINE', lastSeenAt: 2100 });
    store.stop();
  });
});
