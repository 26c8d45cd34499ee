// The request log's read-your-writes: requests() answers with every decision made before it was called, even
// when a write of earlier decisions is still in flight (a fault CI met: the answer arrived, the log lacked it).
import { describe, expect, it } from 'vitest';
import { createInProcessBus } from '../../adapters/bus/in-process';
import { newEnvelope } from '../../domain/envelope';
import { SUBJECTS } from '../../domain/telemetry';
import type { Decision } from '../../domain/zones/request-arbiter';
import { testLogger } from '../../testing/test-env';
import { createZoneTraffic } from './zone-traffic';

const corridor = (robotId: number, requestId: string, receivedAt = 0) =>
  newEnvelope({
    subject: SUBJECTS.state,
    source: 'test',
    producedAt: receivedAt,
    receivedAt,
    payload: {
      topic: 'state',
      robotId,
      manufacturer: 'M',
      serialNumber: `R${robotId}`,
      size: 0,
      message: {
        version: '3.0.0',
        edgeRequests: [{ requestId, requestType: 'CORRIDOR', edgeId: 'e1', sequenceId: 1, requestStatus: 'REQUESTED' }],
      },
    },
  });

describe('zone traffic request log', () => {
  it('requests() waits for a write in flight, then writes what was decided since, before it reads', async () => {
    const bus = createInProcessBus();
    const stored: Decision[] = [];
    const releases: (() => void)[] = [];
    const zones = createZoneTraffic({
      bus,
      clock: { now: () => 1_000 },
      logger: testLogger,
      zoneSet: { zoneSetId: 'zs', mapId: 'm', zones: [] },
      edgeIds: ['e1'],
      messenger: { send() {} },
      log: {
        // Each write lands only when the test lets it.
        insert: (rows) =>
          new Promise<void>((resolve) =>
            releases.push(() => {
              stored.push(...rows);
              resolve();
            }),
          ),
        list: async () => stored.map((d) => ({ ...d, id: 0, at: new Date(0) }) as never),
      },
      nameOf: (id) => `robot ${id}`,
      options: { flushMs: 60_000, tickMs: 60_000 },
    });
    bus.publish(corridor(1, 'a-1'));
    await new Promise((r) => setTimeout(r, 10));
    const first = zones.flush(); // a-1's grant on its way to the database
    bus.publish(corridor(2, 'b-1'));
    await new Promise((r) => setTimeout(r, 10));
    const read = zones.requests({ limit: 10 });
    releases.shift()!();
    await first;
    await new Promise((r) => setTimeout(r, 10));
    expect(releases).toHaveLength(1); // b-1's decision is written next, not left for the timer
    releases.shift()!();
    const rows = (await read) as unknown as Decision[];
    expect(rows.map((r) => [r.requestId, r.decision])).toEqual([
      ['a-1', 'GRANTED'],
      ['b-1', 'QUEUED'],
    ]);
    await zones.stop();
  });

  it('ignores a state retried late after a bus outage, so a request already superseded is not answered again', async () => {
    const bus = createInProcessBus();
    const answered: string[] = [];
    const zones = createZoneTraffic({
      bus,
      clock: { now: () => 5_000 },
      logger: testLogger,
      zoneSet: { zoneSetId: 'zs', mapId: 'm', zones: [] },
      edgeIds: ['e1'],
      messenger: {
        send(_robot, topic, body) {
          if (topic === 'responses')
            answered.push(...((body as { responses?: { requestId: string }[] }).responses ?? []).map((r) => r.requestId));
        },
      },
      log: { insert: async () => {}, list: async () => [] },
      nameOf: (id) => `robot ${id}`,
      options: { flushMs: 60_000, tickMs: 60_000 },
    });
    bus.publish(corridor(1, 'a-2', 2_000));
    bus.publish(corridor(1, 'a-1', 1_000)); // its gateway received it before a-2's state: the robot's past
    await new Promise((r) => setTimeout(r, 10));
    expect(answered).toEqual(['a-2']);
    expect(zones.stats().lateStates).toBe(1);
    await zones.stop();
  });
});
