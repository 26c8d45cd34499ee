// A graceful restart loses no history: robots keep sending while the app stops; every pose the bus carried before
// the stop began is in telemetry_slices when the app opens again on the same data (PGlite dir or Postgres database).
import { afterAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../app';
import { SLICE_TIER } from '../domain/history/slice';
import { startFleet, type SimFleet } from '../sim/fleet';
import { capturePoses, decodeByRobot, expectSameSamples } from '../testing/history-capture';
import { robotLogin } from '../testing/mqtt-credentials';
import { testConfig, testLogger } from '../testing/test-env';

let app: App | undefined;
let fleet: SimFleet | undefined;
let cleanup: (() => Promise<void>) | undefined;

afterAll(async () => {
  await fleet?.stop({ clean: false });
  await app?.stop();
  await cleanup?.();
}, 120_000);

describe('history across a restart', () => {
  it('every sample received before a graceful stop is there after the app opens again', async () => {
    const t = await testConfig();
    cleanup = t.cleanup;
    app = await createApp(t.config, { logger: testLogger });
    const capture = capturePoses(app.bus);
    fleet = await startFleet({
      brokerUrl: app.brokerUrl,
      clientOptions: await robotLogin(app, 'SimRobotics'),
      iface: t.config.VDA_INTERFACE,
      robots: 3,
      hz: 10,
      seed: 5,
      map: app.map,
    });
    await fleet.ready;
    await new Promise((r) => setTimeout(r, 2500));
    // Mid-stream: the robots are still publishing; what arrives once the stop began is not counted as received.
    capture.stop();
    const stopping = app.stop();
    app = undefined;
    await stopping;
    await fleet.stop({ clean: false });
    fleet = undefined;
    expect(capture.total()).toBeGreaterThan(3 * 10 * 2);

    app = await createApp(t.config, { logger: testLogger });
    const all = [...capture.byRobot.values()].flat().map((p) => p.ts);
    const rows = await app.history.store.readSlices({ tier: SLICE_TIER.raw, from: Math.min(...all), to: Math.max(...all) });
    const stored = decodeByRobot(rows);
    // Samples accepted while the app was stopping may be stored too: compare what was captured before.
    for (const [robotId, list] of stored) {
      const seen = new Set((capture.byRobot.get(robotId) ?? []).map((p) => `${p.ts}/${p.source}/${p.headerId}`));
      stored.set(
        robotId,
        list.filter((s) => seen.has(`${s.ts}/${s.source}/${s.headerId}`)),
      );
    }
    expectSameSamples(capture.byRobot, stored);
  }, 240_000); // two app starts: on PGlite under a loaded 2-core machine each can take most of a minute
});
