// Command traces against a simulated AGV over a real broker: a command started upstream (as the command ledger
// will, from the operator's click) continues through the commander's MQTT publish to the robot's
// acknowledgement in its state; a refused command ends its trace with the reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../app';
import * as ia from '../../../domain/vda5050/instant-actions';
import { testConfig, testLogger, waitFor } from '../../../testing/test-env';

let app: App;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  const t = await testConfig({ SIM_ROBOTS: '1', SIM_HZ: '5', TRACE_SAMPLE_RATE: '0' });
  cleanup = t.cleanup;
  app = await createApp(t.config, { logger: testLogger, protocol: { factsheetGraceMs: 200 } });
});

afterAll(async () => {
  await app?.stop();
  await cleanup?.();
});

describe('command traces', () => {
  it('a command trace reaches the robot acknowledgement, in order', async () => {
    await app.sim!.ready;
    const robot = await waitFor('the robot', () => app.runtime.fleet.list()[0]);
    await waitFor('its factsheet', () => app.protocol.factsheet(robot.id));
    const rec = app.flow!.recorder;
    // What the ledger will do: start the trace where the operator acted, then hand it to the commander.
    const ctx = rec.start({ kind: 'command', robotId: robot.id, subject: 'pause' });
    const t0 = rec.now();
    rec.hop(ctx, { node: 'worker:command-ledger', operation: 'ledger.record', startMs: t0, endMs: rec.now(), outcome: 'ok' });
    const sent = await app.commander.withTrace(ctx, () => app.commander.sendInstantActions(robot.id, [ia.startPause()]));
    expect((await sent.delivery).status).toBe('acknowledged');
    const hops = await waitFor('the acknowledgement hop', async () => {
      const h = await app.runtime.flow!.traceById(ctx.traceId);
      return h?.some((x) => x.operation === 'robot.acknowledge') ? h : null;
    });
    expect(hops.map((h) => h.operation)).toEqual(['ledger.record', 'mqtt.publish', 'robot.acknowledge']);
    expect(hops.every((h) => h.kind === 'command' && h.robotId === robot.id)).toBe(true);
    for (let i = 1; i < hops.length; i++) expect(hops[i]!.startMs).toBeGreaterThanOrEqual(hops[i - 1]!.startMs);
    expect(hops.at(-1)).toMatchObject({ node: 'robots:SimRobotics', outcome: 'ok' });
    expect((await app.runtime.flow!.search({ kind: 'command', limit: 10 })).map((s) => s.traceId)).toContain(ctx.traceId);
    await app.commander.sendInstantActions(robot.id, [ia.stopPause()]);
  });

  it('a refused command is traced with the reason, without any robot hop', async () => {
    await expect(app.commander.sendInstantActions(99_999, [ia.startPause()])).rejects.toThrow();
    const s = await waitFor(
      'the refusal trace',
      async () => (await app.runtime.flow!.search({ kind: 'command', robotId: 99_999, limit: 5 }))[0],
    );
    const hops = (await app.runtime.flow!.traceById(s.traceId))!;
    expect(hops.map((h) => [h.operation, h.outcome])).toEqual([['commander.send', 'error']]);
  });
});
