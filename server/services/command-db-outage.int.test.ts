// A database outage must not give an executed command the wrong final status. A stateRequest is dispatched, then
// the app's Postgres (a private instance, never the machine's shared one) stops while the robot executes it; the
// robot's replies (held back 2.5 s) arrive during the outage. Their writes fail, are kept (the backlog shows in
// /api/health) and land when Postgres is back: the command ends `succeeded` with its whole history, executed once,
// with no unhandled rejection. Before, the failed write was an unhandled rejection and the report was lost.
import { afterAll, expect, it } from 'vitest';
import { createApp, type App } from '../app';
import { startFleet, type SimFleet } from '../sim/fleet';
import { robotLogin } from '../testing/mqtt-credentials';
import { canRunPrivatePostgres, startPrivatePostgres, type PrivatePostgres } from '../testing/private-services';
import { testConfig, testLogger, waitFor } from '../testing/test-env';

let app: App | null = null;
let fleet: SimFleet | null = null;
let pg: PrivatePostgres | null = null;
let cleanup: (() => Promise<void>) | null = null;
const unhandled: unknown[] = [];
const onUnhandled = (e: unknown) => unhandled.push(e);
process.on('unhandledRejection', onUnhandled);

afterAll(async () => {
  await pg?.start();
  await fleet?.stop();
  await app?.stop();
  await pg?.destroy();
  await cleanup?.();
  process.off('unhandledRejection', onUnhandled);
});

it.runIf(canRunPrivatePostgres)(
  'a command executed while Postgres is down ends succeeded once it is back',
  async () => {
    pg = await startPrivatePostgres();
    const t = await testConfig({ DATABASE_URL: pg.url });
    cleanup = t.cleanup;
    app = await createApp(t.config, { logger: testLogger, protocol: { factsheetGraceMs: 200 } });
    fleet = await startFleet({
      brokerUrl: app.brokerUrl,
      clientOptions: await robotLogin(app, 'SimRobotics'),
      iface: t.config.VDA_INTERFACE,
      robots: 1,
      hz: 5,
      seed: 5,
      map: app.map,
      autonomous: 'never',
    });
    await fleet.ready;
    const robot = await waitFor('robot online', () => app!.runtime.fleet.list().find((r) => r.connection === 'ONLINE' && r.pose), 20_000);
    await waitFor('factsheet', () => app!.protocol.factsheet(robot.id), 10_000);
    fleet.injectFault('SIM-0001', { kind: 'delay', ms: 2_500 });

    const seen: string[] = [];
    app.commands.onChange((c) => seen.push(c.status));
    const c = await app.commands.issue({ robotId: robot.id, type: 'stateRequest' }, { name: 'outage-test' });
    await waitFor('dispatched', () => seen.includes('dispatched'), 10_000, 10);
    await pg.stop();
    const stoppedAt = Date.now();

    await waitFor('robot executed it', () => fleet!.executions()['SIM-0001']?.stateRequest === 1, 10_000);
    // The robot's replies arrive 2.5 s after it ran the command; their writes fail and wait.
    const backlog = await waitFor(
      'report waiting for the database, visible in health',
      async () => {
        const h = await app!.runtime.health();
        const cmd = h.components.commands as Record<string, unknown>;
        // Failed and retried, or still in the driver's queue: either way waiting, and its age shows.
        return (cmd.pendingWrites as number) > 0 && (cmd.oldestPendingWriteMs as number) > 1_000 ? { health: h, cmd } : null;
      },
      15_000,
      250,
    );
    expect(backlog.cmd).toMatchObject({ pendingWrites: 1 });
    expect(backlog.health.components.database?.status).toBe('down');
    expect(seen).not.toContain('succeeded');
    await new Promise((r) => setTimeout(r, Math.max(0, 6_000 - (Date.now() - stoppedAt))));
    await pg.start();

    const done = await waitFor(
      'command final after the outage',
      async () => {
        // The first query after the restart may run on a pooled connection the shutdown killed (57P01); the
        // driver replaces it, so that answer only means "not yet", as a retried request would see it.
        const read = await app!.commands.byId(c.id).catch(() => null);
        const command = read?.command;
        return command && ['succeeded', 'failed', 'cancelled', 'expired', 'timed_out'].includes(command.status) ? command : null;
      },
      30_000,
      200,
    );
    expect(done.status, String(done.outcome)).toBe('succeeded');
    const { events } = await app.commands.byId(c.id);
    expect(events.map((e) => e.to)).toEqual(['requested', 'queued', 'dispatched', 'acknowledged', 'succeeded']);
    // Dated when the robot reported it (during the outage), not when the write finally landed.
    expect(done.finishedAt!).toBeLessThan(stoppedAt + 5_500);
    expect(fleet.executions()['SIM-0001']?.stateRequest).toBe(1);
    const h = await app.runtime.health();
    expect(h.components.commands).toMatchObject({ pendingWrites: 0 });
    expect(unhandled).toEqual([]);
  },
  120_000,
);
