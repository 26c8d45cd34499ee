// SITE_LAYOUT end to end in the app (real database and broker): a LIF file written by another tool becomes the
// site (map, places, the route planner the simulated robots and the commands drive on), the site is exported back
// as LIF through the API, and a file with a mistake stops the start with the element named.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaller } from './api/root';
import { createApp, type App } from './app';
import { createLifValidator } from './protocol/lif-validator';
import { thirdPartyLif } from './testing/lif-fixtures';
import { contextAs } from './testing/sign-in';
import { testConfig, testLogger, waitFor } from './testing/test-env';

let app: App;
let cleanup: () => Promise<void>;
const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'site-layout-'));
const layoutFile = path.join(dir, 'hall7.lif.json');

beforeAll(async () => {
  await fs.writeFile(layoutFile, JSON.stringify(thirdPartyLif()));
  const t = await testConfig({ SITE_LAYOUT: layoutFile, SIM_ROBOTS: '2', SIM_HZ: '10' });
  cleanup = t.cleanup;
  app = await createApp(t.config, { logger: testLogger });
  await app.sim!.ready;
}, 60_000);

afterAll(async () => {
  await app?.stop();
  await cleanup?.();
  await fs.rm(dir, { recursive: true, force: true });
});

describe('SITE_LAYOUT', () => {
  it('the LIF file is the site, and the simulated robots stand on its nodes', async () => {
    expect(app.map).toMatchObject({ id: 'hall-7', mapId: 'hall-7', name: 'Hall 7' });
    expect(app.map.nodes.map((n) => n.id).sort()).toEqual(['a1', 'a2', 'a3', 'b1', 'b2', 'b3']);
    const robots = await waitFor(
      'both robots placed',
      () => {
        const list = app.runtime.fleet.list().filter((r) => r.pose);
        return list.length === 2 ? list : null;
      },
      10_000,
    );
    for (const r of robots) expect(r.pose!.mapId).toBe('hall-7');
  });

  it('a go-to to one of its stations drives the imported graph to the end', async () => {
    const robot = app.runtime.fleet.list().find((r) => r.lastNodeId !== 'a1')!;
    const c = await app.commands.issue({ robotId: robot.id, type: 'goTo', params: { place: 'Loading dock A' } }, { name: 'it-operator' });
    const done = await waitFor(
      'go-to final',
      async () => {
        const { command } = await app.commands.byId(c.id);
        return command.finishedAt !== null ? command : null;
      },
      60_000,
      100,
    );
    expect(done, done.outcome ?? '').toMatchObject({ status: 'succeeded' });
    expect(app.runtime.fleet.get(robot.id)!.lastNodeId).toBe('a1');
  });

  it('map.lif gives the site back as a valid LIF document', async () => {
    const doc = await createCaller(await contextAs(app, 'viewer')).map.lif();
    expect(createLifValidator().validate(doc)).toMatchObject({ ok: true });
    expect(doc.layouts[0]).toMatchObject({ layoutId: 'hall-7', layoutName: 'Hall 7' });
    expect(doc.layouts[0]!.stations.map((s) => s.stationName).sort()).toEqual(['Charging spot', 'Loading dock A', 'S-3']);
  });

  it('a layout with a mistake stops the start, naming the element', async () => {
    const bad = thirdPartyLif();
    bad.layouts[0]!.edges[4]!.startNodeId = 'c9';
    const file = path.join(dir, 'bad.lif.json');
    await fs.writeFile(file, JSON.stringify(bad));
    const t = await testConfig({ SITE_LAYOUT: file });
    try {
      await expect(createApp(t.config, { logger: testLogger })).rejects.toThrow(
        /bad\.lif\.json: 1 problem in the site layout\n {2}layout "hall-7" edge "b1-b2": startNodeId "c9" is not a node of this layout/,
      );
    } finally {
      await t.cleanup();
    }
  });
});
