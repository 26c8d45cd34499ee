// A mixed simulated fleet in the real app (both brokers, both databases in CI): a quarter of the robots speak
// VDA 5050 3.0 on v3 topics, the rest 2.0. Every robot is shown alike, no message of either version is refused,
// the 3.0 robots' factsheets are understood, and commands to them (pause, resume, a go-to) succeed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from './app';
import type { CommandView, IssueCommandInput } from './domain/commands/command';
import { createRoutePlanner } from './domain/route-planner';
import { testConfig, testLogger, waitFor } from './testing/test-env';

let app: App;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  const t = await testConfig({ SIM_ROBOTS: '8', SIM_HZ: '10', SIM_V3_SHARE: '0.25' });
  cleanup = t.cleanup;
  app = await createApp(t.config, { logger: testLogger });
  await app.sim!.ready;
}, 60_000);

afterAll(async () => {
  await app?.stop();
  await cleanup?.();
});

const robot = (serial: string) => app.runtime.fleet.list().find((r) => r.serialNumber === serial)!;

async function run(serial: string, type: IssueCommandInput['type'], params?: Record<string, unknown>): Promise<CommandView> {
  const c = await app.commands.issue({ robotId: robot(serial).id, type, params }, { name: 'it-operator' });
  return waitFor(
    `${type} to ${serial} final`,
    async () => {
      const { command } = await app.commands.byId(c.id);
      return command.finishedAt !== null ? command : null;
    },
    40_000,
    100,
  );
}

describe('a mixed 2.0 + 3.0 simulated fleet', () => {
  it('every robot is shown with its version, and nothing either version sends is refused', async () => {
    await waitFor(
      '8 robots with pose and battery',
      () => app.runtime.fleet.list().filter((r) => r.pose && r.battery !== null).length === 8,
      20_000,
    );
    const versions = Object.fromEntries(app.runtime.fleet.list().map((r) => [r.serialNumber, r.protocolVersion]));
    expect(versions).toEqual({
      'SIM-0001': '2.0.0',
      'SIM-0002': '2.0.0',
      'SIM-0003': '2.0.0',
      'SIM-0004': '3.0.0',
      'SIM-0005': '2.0.0',
      'SIM-0006': '2.0.0',
      'SIM-0007': '2.0.0',
      'SIM-0008': '3.0.0',
    });
    await new Promise((r) => setTimeout(r, 2000));
    for (const r of app.runtime.fleet.list()) expect(app.protocol.stats(r.id), r.serialNumber).toMatchObject({ invalid: 0, headerGaps: 0 });
    const factsheet = await waitFor('the 3.0 factsheet', () => app.protocol.factsheet(robot('SIM-0004').id), 10_000);
    expect(factsheet).toMatchObject({ protocolVersion: '3.0.0', agvKinematic: 'DIFF', speedMax: expect.any(Number) });
    expect(factsheet.supportedActions).toContainEqual({ actionType: 'initPosition', scopes: ['INSTANT', 'NODE'] });
  });

  it('pause, resume and a go-to to a 3.0 robot succeed', async () => {
    expect((await run('SIM-0004', 'pause')).status).toBe('succeeded');
    await waitFor('SIM-0004 paused', () => robot('SIM-0004').paused, 5000);
    expect((await run('SIM-0004', 'resume')).status).toBe('succeeded');
    // Two hops from where it stands, so the drive takes seconds.
    const planner = createRoutePlanner(app.map);
    const from = robot('SIM-0004').lastNodeId!;
    const next = planner.neighbours(from)[0]!;
    const target = planner.neighbours(next).find((n) => n !== from) ?? next;
    const go = await run('SIM-0004', 'goTo', { nodeId: target });
    expect(go, go.outcome ?? '').toMatchObject({ status: 'succeeded' });
    expect(robot('SIM-0004').lastNodeId).toBe(target);
  });
});
