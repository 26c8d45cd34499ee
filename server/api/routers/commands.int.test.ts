// commands.* through the tRPC caller against a running app: refusals carry the documented codes and a message a
// person can act on, and every status change reaches a connected viewer live as commands:update.
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../app';
import type { CommandView } from '../../domain/commands/command';
import type { ClientToServerEvents, ServerToClientEvents } from '../../domain/live-protocol';
import { testConfig, testLogger, waitFor } from '../../testing/test-env';
import { createCaller } from '../root';
import { contextAs, cookieAs } from '../../testing/sign-in';

let app: App;
let cleanup: () => Promise<void>;
let server: http.Server;
let viewer: Socket<ServerToClientEvents, ClientToServerEvents>;
const updates: CommandView[][] = [];
let caller: ReturnType<typeof createCaller>;
/** Trace detail needs the architect role. */
let architect: ReturnType<typeof createCaller>;

beforeAll(async () => {
  const t = await testConfig({ SIM_ROBOTS: '2', SIM_HZ: '5', SIM_SEED: '5' });
  cleanup = t.cleanup;
  server = http.createServer();
  const io = new Server<ClientToServerEvents, ServerToClientEvents>(server, { transports: ['websocket'] });
  app = await createApp(t.config, { logger: testLogger, io });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  viewer = connect(base, { transports: ['websocket'], extraHeaders: { cookie: await cookieAs(app, 'viewer'), origin: base } });
  viewer.on('commands:update', (batch) => void updates.push(batch));
  caller = createCaller(await contextAs(app, 'operator'));
  architect = createCaller(await contextAs(app, 'architect'));
  await app.sim!.ready;
  await waitFor('robots online', () => app.runtime.fleet.list().filter((r) => r.connection === 'ONLINE' && r.pose).length === 2, 20_000);
}, 60_000);

afterAll(async () => {
  viewer?.close();
  await app?.stop();
  await new Promise((r) => server?.close(r));
  await cleanup?.();
});

async function codeOf(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof TRPCError)) throw new Error(`expected a TRPCError, got ${String(err)}`);
  return { code: err.code, message: err.message };
}

describe('commands router', () => {
  it('pushes every status change of a command to viewers, in order, ending in the final one', async () => {
    const robotId = app.runtime.fleet.list()[0]!.id;
    const c = await caller.commands.issue({ robotId, type: 'pause' });
    const seen = () =>
      updates
        .flat()
        .filter((u) => u.id === c.id)
        .map((u) => u.status);
    await waitFor('succeeded pushed', () => seen().includes('succeeded'), 15_000);
    const order = ['queued', 'dispatched', 'acknowledged', 'succeeded'];
    const statuses = seen();
    expect(statuses.at(-1)).toBe('succeeded');
    // Batches carry each command's latest view, so intermediate statuses may be folded, never reordered.
    expect(statuses.map((s) => order.indexOf(s))).toEqual([...statuses.map((s) => order.indexOf(s))].sort((a, b) => a - b));
    const { command, events } = await caller.commands.byId({ id: c.id });
    expect(command.status).toBe('succeeded');
    expect(events.map((e) => e.to)).toEqual(['requested', ...order]);
    await caller.commands.issue({ robotId, type: 'resume' });
  });

  it("traces a command from the ledger to the robot's acknowledgement and to the viewers", async () => {
    const robotId = app.runtime.fleet.list()[0]!.id;
    const c = await caller.commands.issue({ robotId, type: 'stateRequest' });
    const ops = await waitFor(
      'trace complete',
      async () => {
        const hops = (await architect.traces.byId({ traceId: c.traceId }).catch(() => null))?.hops ?? [];
        const names = hops.map((h) => h.operation);
        return names.includes('socketio.send') ? { names, hops } : null;
      },
      15_000,
    );
    expect(ops.names).toEqual([
      'ledger.record',
      'dispatcher.dispatch',
      'mqtt.publish',
      'robot.acknowledge',
      'robot.execute',
      'ledger.final',
      'socketio.send',
    ]);
    expect(ops.hops.every((h) => h.traceId === c.traceId && h.kind === 'command' && h.outcome === 'ok')).toBe(true);
    const starts = ops.hops.map((h) => h.startMs);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    const graph = await caller.flow.graph();
    for (const [source, target] of [
      ['worker:command-ledger', 'table:commands'],
      ['worker:command-dispatcher', 'gateway:vda5050-mqtt'],
      ['subject:robot.action', 'worker:command-dispatcher'],
    ]) {
      expect(
        graph.edges.some((e) => e.source === source && e.target === target),
        `${source} → ${target}`,
      ).toBe(true);
    }
  });

  it('answers bad input with BAD_REQUEST, unknown ids with NOT_FOUND and conflicts with CONFLICT', async () => {
    const robotId = app.runtime.fleet.list()[1]!.id;
    expect(await codeOf(caller.commands.issue({ robotId, type: 'goTo', params: {} }))).toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/^goTo: /),
    });
    expect((await codeOf(caller.commands.issue({ robotId, type: 'fly' as 'pause' }))).code).toBe('BAD_REQUEST');
    expect(await codeOf(caller.commands.issue({ robotId: 424242, type: 'pause' }))).toEqual({
      code: 'BAD_REQUEST',
      message: 'no robot with id 424242',
    });
    const id = randomUUID();
    expect(await codeOf(caller.commands.byId({ id }))).toEqual({ code: 'NOT_FOUND', message: `no command with id ${id}` });
    await caller.commands.issue({ robotId, type: 'stateRequest', idempotencyKey: 'router-key' });
    expect((await codeOf(caller.commands.issue({ robotId, type: 'pause', idempotencyKey: 'router-key' }))).code).toBe('CONFLICT');
    // The robot's replies are held back, so the command is still in flight when the cancel arrives.
    const serial = app.runtime.fleet.list()[1]!.serialNumber;
    app.sim!.injectFault(serial, { kind: 'delay', ms: 3_000 });
    try {
      const sent = await caller.commands.issue({ robotId, type: 'stateRequest' });
      await waitFor('sent', async () => (await caller.commands.byId({ id: sent.id })).command.dispatchedAt !== null);
      expect(await codeOf(caller.commands.cancel({ id: sent.id }))).toMatchObject({
        code: 'CONFLICT',
        message: expect.stringMatching(/cannot be recalled/),
      });
    } finally {
      app.sim!.clearFault(serial);
    }
  });

  it('audits a command the ledger refused as failed with the reason, and an accepted one as ok', async () => {
    const robot = app.runtime.fleet.list()[1]!;
    const refused = await caller.commands.issue({ robotId: robot.id, type: 'goTo', params: { place: 'Nowhere' } });
    expect(refused.status).toBe('rejected');
    const accepted = await caller.commands.issue({ robotId: robot.id, type: 'stateRequest' });
    await app.audit.flush();
    const entries = (await app.audit.list({ action: 'command.issue', limit: 50 })).items;
    const of = (id: string) => entries.find((e) => e.detail?.commandId === id);
    expect(of(refused.id)).toMatchObject({
      outcome: 'failed',
      target: `robot ${robot.id}`,
      detail: { status: 'rejected', error: expect.stringMatching(/^rejected: no node or place "Nowhere"/) },
    });
    expect(of(accepted.id)).toMatchObject({ outcome: 'ok' });
    expect(of(accepted.id)?.detail).not.toHaveProperty('error');
  });

  it('lists with filters and pages', async () => {
    const robotId = app.runtime.fleet.list()[1]!.id;
    const all = await caller.commands.list({ robotId });
    expect(all.items.length).toBeGreaterThanOrEqual(2);
    expect(all.items.every((c) => c.robotId === robotId)).toBe(true);
    const onlyState = await caller.commands.list({ robotId, type: ['stateRequest'] });
    expect(onlyState.items.every((c) => c.type === 'stateRequest')).toBe(true);
    const first = await caller.commands.list({ limit: 1 });
    expect(first.nextCursor).not.toBeNull();
    expect((await codeOf(caller.commands.list({ cursor: 'abc' }))).code).toBe('BAD_REQUEST');
  });
});
