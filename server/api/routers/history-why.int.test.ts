// history.why through the tRPC caller on a real app with the simulator: an operator pauses a robot, and the view of
// that moment shows the pause command with its sender, and the verdict names the pause. The database is PGlite, or
// Postgres when DATABASE_URL is set.
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../app';
import { testConfig, testLogger, waitFor } from '../../testing/test-env';
import { contextAs } from '../../testing/sign-in';
import { createCaller } from '../root';

let app: App;
let cleanup: () => Promise<void>;
let operator: ReturnType<typeof createCaller>;
let viewer: ReturnType<typeof createCaller>;

beforeAll(async () => {
  const t = await testConfig({ SIM_ROBOTS: '2', SIM_HZ: '5', SIM_SEED: '19', TRACE_ENABLED: 'false' });
  cleanup = t.cleanup;
  app = await createApp(t.config, { logger: testLogger });
  operator = createCaller(await contextAs(app, 'operator'));
  viewer = createCaller(await contextAs(app, 'viewer'));
  await app.sim!.ready;
  await waitFor('robots online', () => app.runtime.fleet.list().filter((r) => r.connection === 'ONLINE' && r.pose).length === 2, 60_000);
}, 120_000);

afterAll(async () => {
  await app?.stop();
  await cleanup?.();
});

describe('history.why', () => {
  it('names the operator whose pause stopped the robot, with the command on the timeline', async () => {
    const robotId = app.runtime.fleet.list()[0]!.id;
    // A few seconds of history before the pause, so the moment has samples.
    await new Promise((r) => setTimeout(r, 2_000));
    const c = await operator.commands.issue({ robotId, type: 'pause' });
    await waitFor('robot paused', () => app.runtime.fleet.get(robotId)?.paused === true, 15_000);
    // The event recorder and the ledger write in batches: wait until the pause is stored as an event.
    const paused = await waitFor(
      'pause stored',
      async () => {
        const events = await viewer.history.events({ from: c.issuedAt - 1_000, to: Date.now(), robotIds: [robotId], kinds: ['paused'] });
        return events[0] ?? null;
      },
      15_000,
      200,
    );
    const at = Math.max(paused.ts, c.issuedAt) + 1_000;
    const view = await viewer.history.why({ robotId, at, beforeSec: 60, afterSec: 5 });

    expect(view).toMatchObject({ robotId, at, from: at - 60_000, to: at + 5_000 });
    const issued = view.events.find((e) => e.kind === 'command_issued' && e.detail.commandId === c.id);
    expect(issued, 'the pause command on the timeline').toBeDefined();
    expect(issued!.detail.issuedBy).toBe(c.issuedBy);
    expect(issued!.summary).toContain(c.issuedBy);
    expect(view.events.some((e) => e.kind === 'paused')).toBe(true);
    // Oldest first.
    expect(view.events.map((e) => e.ts)).toEqual([...view.events.map((e) => e.ts)].sort((a, b) => a - b));

    expect(view.verdict).toMatchObject({ reason: 'command', user: c.issuedBy, eventId: issued!.id, confidence: 'high' });
    expect(view.verdict.summary).toMatch(
      new RegExp(`^Paused by ${c.issuedBy.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(pause command at `),
    );

    // The robot as it was: paused (history's own rebuild, not the live view; the events say so when the newest
    // samples are not stored yet).
    expect(view.robot?.id).toBe(robotId);
    expect(view.status).toBe('paused');
    // Tracing is off in this app: the view says so rather than showing an empty path.
    expect(view.flow).toEqual({ tracing: 'off' });

    await operator.commands.issue({ robotId, type: 'resume' });
  }, 60_000);

  it('before the pause, the robot had not stopped for that reason', async () => {
    const robotId = app.runtime.fleet.list()[1]!.id;
    const view = await viewer.history.why({ robotId, at: Date.now() - 500, beforeSec: 30, afterSec: 0 });
    expect(view.verdict.reason).not.toBe('command');
    expect(view.events.every((e) => e.robotId === robotId || e.robotId === null)).toBe(true);
    // ISO 8601 is taken as well as epoch ms.
    const iso = new Date(Date.now() - 500).toISOString();
    expect((await viewer.history.why({ robotId, at: iso, beforeSec: 10, afterSec: 0 })).at).toBe(Date.parse(iso));
  });

  it('refuses windows past the bounds and unknown inputs', async () => {
    const robotId = app.runtime.fleet.list()[0]!.id;
    for (const bad of [
      { robotId, at: Date.now(), beforeSec: 7 * 3600 },
      { robotId, at: Date.now(), afterSec: 2 * 3600 },
      { robotId, at: -1 },
      { robotId: 0, at: Date.now() },
    ]) {
      const err = await viewer.history.why(bad).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err, JSON.stringify(bad)).toBeInstanceOf(TRPCError);
      expect((err as TRPCError).code).toBe('BAD_REQUEST');
    }
  });
});
