// The deny matrix: every tRPC procedure and every Socket.IO client event, tried as anonymous, viewer, operator,
// architect and admin against one running app (real database, broker, simulated robots, Socket.IO server).
// Each call is either refused by the gate (UNAUTHORIZED for anonymous, FORBIDDEN for a role without the
// capability) and audited, or let through (whatever the service then answers). A procedure or event added
// without an expectation here fails the test: decide who may call it, then add it to EXPECTED / EVENT_SAMPLES.
import http from 'node:http';
import { randomBytes, randomUUID } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userByEmail } from '../../db/queries/users';
import { createApp, type App } from '../app';
import type { AuditView } from '../domain/identity/audit';
import { can, ROLES, type Capability, type Role } from '../domain/identity/roles';
import { SOCKET_EVENT_CAPABILITY } from '../domain/identity/socket-events';
import type { ClientToServerEvents, ServerToClientEvents } from '../domain/live-protocol';
import { contextAs, cookieAs, ensureUser } from '../testing/sign-in';
import { testConfig, testLogger, waitFor } from '../testing/test-env';
import { appRouter, createCaller } from './root';
import type { Context } from './trpc';

type Who = Role | null; // null: anonymous
const WHO: Who[] = [null, ...ROLES];
const nameOf = (w: Who) => w ?? 'anonymous';
const actorOf = (w: Who) => (w ? `${w}@test.local` : 'anonymous');
type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

// ---------------------------------------------------------------------------------------------------------------
// tRPC: who may call each procedure, and a valid, harmless input for it. Listed in the order they are called:
// a mutation's sample may depend on an earlier one (commands.byId/cancel use the command issued just before,
// sim.clearFault clears the fault injected just before). Principals are tried in WHO order for each procedure.
// ---------------------------------------------------------------------------------------------------------------

const state = {
  robotId: 0,
  commandId: randomUUID() as string,
  throwawayId: '',
  credentialId: randomUUID() as string,
  /** Calls so far of users.create, users.update, credentials.create: each call's sample is new. */
  made: 0,
  renamed: 0,
  credentials: 0,
};

interface Expectation {
  needs: Capability | 'public';
  input: () => unknown;
  /** Called with the result of each allowed call that succeeded. */
  after?: (result: unknown) => void;
}

const EXPECTED: Record<string, Expectation> = {
  'auth.me': { needs: 'public', input: () => undefined },
  'map.get': { needs: 'view', input: () => undefined },
  'map.lif': { needs: 'view', input: () => undefined },
  'fleet.list': { needs: 'view', input: () => undefined },
  'fleet.byId': { needs: 'view', input: () => ({ id: state.robotId }) },
  'fleet.protocol': { needs: 'view', input: () => ({ id: state.robotId }) },
  'fleet.factsheet': { needs: 'view', input: () => ({ id: state.robotId }) },
  'fleet.conformance': { needs: 'view', input: () => ({ id: state.robotId }) },
  'fleet.messages': { needs: 'inspect', input: () => ({ id: state.robotId, limit: 5 }) },
  'flow.graph': { needs: 'view', input: () => undefined },
  'flow.recent': { needs: 'inspect', input: () => ({ nodes: ['gateway:vda5050-mqtt'], limit: 5 }) },
  'traces.search': { needs: 'inspect', input: () => ({ limit: 5 }) },
  'traces.byId': { needs: 'inspect', input: () => ({ traceId: '0'.repeat(32) }) },
  'history.fleetAt': { needs: 'view', input: () => ({ at: Date.now() }) },
  'history.range': { needs: 'view', input: () => ({ from: Date.now() - 60_000, to: Date.now() }) },
  'history.events': { needs: 'view', input: () => ({ from: Date.now() - 60_000, to: Date.now(), limit: 5 }) },
  'history.robotSeries': {
    needs: 'view',
    input: () => ({ robotId: state.robotId, from: Date.now() - 60_000, to: Date.now(), fields: ['battery'] }),
  },
  'history.why': { needs: 'view', input: () => ({ robotId: state.robotId, at: Date.now(), beforeSec: 60, afterSec: 10 }) },
  'commands.list': { needs: 'view', input: () => ({ limit: 5 }) },
  // A state request changes nothing on the robot.
  'commands.issue': {
    needs: 'command',
    input: () => ({ robotId: state.robotId, type: 'stateRequest' }),
    after: (c) => void (state.commandId = (c as { id: string }).id),
  },
  'commands.byId': { needs: 'view', input: () => ({ id: state.commandId }) },
  'commands.cancel': { needs: 'command', input: () => ({ id: state.commandId }) },
  // Stop-all for one robot pauses it; a resume is issued after the matrix.
  'commands.stopAll': { needs: 'command', input: () => ({ robotIds: [state.robotId] }) },
  'sim.faults': { needs: 'view', input: () => ({ robotId: state.robotId }) },
  // A 0 ms delay: a fault that changes nothing, cleared by the next procedure.
  'sim.injectFault': { needs: 'injectFaults', input: () => ({ robotId: state.robotId, fault: { kind: 'delay', ms: 0 } }) },
  'sim.clearFault': { needs: 'injectFaults', input: () => ({ robotId: state.robotId, kind: 'delay' }) },
  'users.list': { needs: 'administer', input: () => undefined },
  // A new email each call, so the admin's call really creates a user (not a CONFLICT).
  'users.create': {
    needs: 'administer',
    input: () => ({ email: `made-${++state.made}@test.local`, password: 'a long enough password', role: 'viewer' }),
  },
  // Renames a throwaway user that no test signs in as.
  'users.update': { needs: 'administer', input: () => ({ id: state.throwawayId, name: `Throwaway ${++state.renamed}` }) },
  'audit.list': { needs: 'administer', input: () => ({ limit: 5 }) },
  'credentials.list': { needs: 'administer', input: () => undefined },
  // A credential for a manufacturer no robot here uses; disabled, then deleted, by the next two procedures.
  'credentials.create': {
    needs: 'administer',
    input: () => ({
      username: `deny-matrix-${++state.credentials}`,
      manufacturer: 'DenyMatrix',
      serialNumber: `DM-${state.credentials}`,
      note: 'deny matrix',
    }),
    after: (r) => void (state.credentialId = (r as { credential: { id: string } }).credential.id),
  },
  'credentials.update': { needs: 'administer', input: () => ({ id: state.credentialId, disabled: true }) },
  'credentials.delete': { needs: 'administer', input: () => ({ id: state.credentialId }) },
  'alerts.list': { needs: 'view', input: () => ({ limit: 5 }) },
  'alerts.counts': { needs: 'view', input: () => undefined },
  // No such alert: an allowed call answers NOT_FOUND, past the gate.
  'alerts.byId': { needs: 'view', input: () => ({ id: randomUUID() }) },
  'alerts.acknowledge': { needs: 'command', input: () => ({ id: randomUUID(), note: 'deny matrix' }) },
  'alerts.resolve': { needs: 'command', input: () => ({ id: randomUUID() }) },
  'alertRules.list': { needs: 'view', input: () => undefined },
  // Sets the default again: a change in name only.
  'alertRules.update': { needs: 'administer', input: () => ({ id: 'robot.stuck', forSec: 20 }) },
  'alertRules.deliveries': { needs: 'administer', input: () => ({ limit: 5 }) },
  'zones.overview': { needs: 'view', input: () => undefined },
  'zones.requests': { needs: 'view', input: () => ({ robotId: state.robotId, limit: 5 }) },
  // Nobody holds it: an allowed call answers { revoked: false }, past the gate (audited as failed).
  'zones.revoke': { needs: 'command', input: () => ({ kind: 'zone', id: 'release-dock-1' }) },
};

const PROCEDURES = appRouter._def.procedures as unknown as Record<
  string,
  { _def: { type: string; inputs: { safeParse?: (v: unknown) => { success: boolean; error?: unknown } }[] } }
>;
const allowed = (who: Who, needs: Expectation['needs']) => needs === 'public' || (who !== null && can(who, needs));

// ---------------------------------------------------------------------------------------------------------------
// Socket.IO: a valid payload for every client event; the capability each needs comes from SOCKET_EVENT_CAPABILITY.
// ---------------------------------------------------------------------------------------------------------------

const EVENT_SAMPLES: Record<keyof ClientToServerEvents, () => unknown[]> = {
  'fleet:resync': () => [],
  'flow:subscribe': () => [],
  'flow:unsubscribe': () => [],
  // Well-formed, for a trace this server never sent: validated and dropped by the flow view.
  'flow:hops': () => [[{ traceId: 'f'.repeat(32), robotId: state.robotId, receivedAt: Date.now(), renderedAt: Date.now() + 1 }]],
};
const EVENTS = Object.keys(SOCKET_EVENT_CAPABILITY) as (keyof ClientToServerEvents)[];
const UNKNOWN_EVENT = 'admin:shutdown';

let app: App;
let cleanup: () => Promise<void>;
let server: http.Server;
let io: Server<ClientToServerEvents, ServerToClientEvents>;
let base: string;
const contexts = new Map<Who, Context>();
const sockets: ClientSocket[] = [];
/** Client events that got past the guard to the app's handlers, by socket id. */
const reached: { sid: string; event: string }[] = [];
const outcomes: { path: string; who: string; result: string }[] = [];

beforeAll(async () => {
  const t = await testConfig({ SIM_ROBOTS: '2', SIM_HZ: '5', SIM_SEED: '3' });
  cleanup = t.cleanup;
  server = http.createServer();
  io = new Server<ClientToServerEvents, ServerToClientEvents>(server, { transports: ['websocket'] });
  app = await createApp(t.config, { logger: testLogger, io });
  // A probe behind the guard: these handlers run only for events the guard let through.
  io.on('connection', (s) => {
    for (const e of [...EVENTS, UNKNOWN_EVENT])
      (s as unknown as { on(e: string, fn: () => void): void }).on(e, () => void reached.push({ sid: s.id, event: e }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  for (const who of WHO) contexts.set(who, await contextAs(app, who));
  await ensureUser(app.db, 'viewer', 'throwaway@test.local');
  state.throwawayId = (await userByEmail(app.db, 'throwaway@test.local'))!.id;
  await app.sim!.ready;
  const robot = await waitFor(
    'a simulated robot online',
    () => app.runtime.fleet.list().find((r) => r.connection === 'ONLINE' && r.pose),
    30_000,
  );
  state.robotId = robot.id;
});

afterAll(async () => {
  for (const s of sockets) s.close();
  await app?.stop();
  await new Promise((r) => server?.close(r));
  await cleanup?.();
});

async function call(path: string, ctx: Context, input: unknown): Promise<{ ok: true; value: unknown } | { ok: false; error: unknown }> {
  const fn = path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], createCaller(ctx)) as (
    i?: unknown,
  ) => Promise<unknown>;
  try {
    return { ok: true, value: input === undefined ? await fn() : await fn(input) };
  } catch (error) {
    return { ok: false, error };
  }
}

const deniedEntries = async (action: 'access' | 'socket.connect' | 'socket.event'): Promise<AuditView[]> => {
  await app.audit.flush();
  return (await app.audit.list({ action, outcome: 'denied', limit: 500 })).items;
};

describe('tRPC deny matrix', () => {
  it('has an expectation for every procedure of the router, and nothing else', () => {
    const routerPaths = Object.keys(PROCEDURES).sort();
    const missing = routerPaths.filter((p) => !(p in EXPECTED));
    const stale = Object.keys(EXPECTED).filter((p) => !(p in PROCEDURES));
    expect({ missing, stale }, 'add each new procedure to EXPECTED with the capability it needs and a harmless sample input').toEqual({
      missing: [],
      stale: [],
    });
  });

  it.each(Object.keys(EXPECTED).filter((p) => p in PROCEDURES))('%s', async (path) => {
    const e = EXPECTED[path]!;
    for (const who of WHO) {
      const input = e.input();
      // The sample must be valid, so an allowed call reaches the service rather than stopping at validation.
      for (const parser of PROCEDURES[path]!._def.inputs)
        expect(parser.safeParse?.(input).success, `sample input of ${path}: ${JSON.stringify(input)}`).not.toBe(false);
      const r = await call(path, contexts.get(who)!, input);
      const code = r.ok ? 'ok' : r.error instanceof TRPCError ? r.error.code : `non-tRPC error: ${String(r.error)}`;
      outcomes.push({ path, who: nameOf(who), result: code });
      const what = `${path} as ${nameOf(who)}`;
      if (allowed(who, e.needs)) {
        expect(['UNAUTHORIZED', 'FORBIDDEN'], `${what} should pass the gate`).not.toContain(code);
        expect(r.ok || r.error instanceof TRPCError, `${what}: ${code}`).toBe(true);
        if (r.ok) e.after?.(r.value);
      } else {
        expect(code, `${what} should be refused`).toBe(who === null ? 'UNAUTHORIZED' : 'FORBIDDEN');
        // The refusal says what is missing without leaking anything else.
        expect((r as { error: TRPCError }).error.message).toMatch(
          who === null ? /^sign in first$/ : new RegExp(`^the ${who} role may not `),
        );
      }
    }
  });

  it('audited every refusal, and only refusals: access / denied / the procedure path / who', async () => {
    const expected = Object.entries(EXPECTED)
      .flatMap(([path, e]) => WHO.filter((w) => !allowed(w, e.needs)).map((w) => `${actorOf(w)} ${path} needs ${e.needs}`))
      .sort();
    const entries = await deniedEntries('access');
    const got = entries.map((x) => `${x.actor} ${x.target} needs ${String(x.detail?.needs)}`).sort();
    expect(got).toEqual(expected);
    for (const x of entries) {
      expect(x.outcome).toBe('denied');
      expect(x.address).toBe('127.0.0.1');
      expect(x.actorId === null).toBe(x.actor === 'anonymous');
    }
    // For the record: the whole matrix, one line per procedure.
    const rows = Object.keys(EXPECTED).map(
      (p) =>
        `${p.padEnd(18)} ${WHO.map((w) => outcomes.find((o) => o.path === p && o.who === nameOf(w))?.result.padEnd(22) ?? '-').join('')}`,
    );
    console.log(`${''.padEnd(18)} ${WHO.map((w) => nameOf(w).padEnd(22)).join('')}\n${rows.join('\n')}`);
  });

  it('refused calls changed nothing: commands only from operator and admin, one user and one credential created (by admin)', async () => {
    const { items } = await app.commands.list({ limit: 100 });
    expect(new Set(items.map((c) => c.issuedBy))).toEqual(new Set(['operator@test.local', 'admin@test.local']));
    // Each of the two command-capable roles issued one state request and one stop-all pause.
    expect(items.filter((c) => c.type === 'stateRequest')).toHaveLength(2);
    expect(items.filter((c) => c.type === 'pause' && c.priority > 0)).toHaveLength(2);
    const users = await app.identity.listUsers();
    expect(users.filter((u) => u.email.startsWith('made-')).map((u) => u.email)).toEqual([`made-${WHO.length}@test.local`]);
    expect(users.find((u) => u.id === state.throwawayId)?.name).toBe(`Throwaway ${WHO.length}`);
    // The admin's credential was created, disabled and deleted; nobody else's was created.
    const credentials = await app.credentials.list();
    expect(credentials.filter((c) => c.username.startsWith('deny-matrix-'))).toEqual([]);
    const made = (await app.audit.list({ action: 'credential.create', outcome: 'ok', limit: 50 })).items.filter((x) =>
      x.target?.startsWith('deny-matrix-'),
    );
    expect(made.map((x) => [x.actor, x.target])).toEqual([['admin@test.local', `deny-matrix-${WHO.length}`]]);
    const deleted = (await app.audit.list({ action: 'credential.delete', outcome: 'ok', limit: 50 })).items.filter((x) =>
      x.target?.startsWith('deny-matrix-'),
    );
    expect(deleted.map((x) => x.actor)).toEqual(['admin@test.local']);
    // Leave the robot as it was before stop-all.
    await app.commands.issue({ robotId: state.robotId, type: 'resume' }, { name: 'deny-matrix' });
  });
});

// ---------------------------------------------------------------------------------------------------------------

function open(headers: Record<string, string>): ClientSocket {
  const s: ClientSocket = connect(base, { transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: headers });
  sockets.push(s);
  return s;
}

/** Resolves with null once connected, or with the connect_error message. */
const outcome = (s: ClientSocket) =>
  new Promise<string | null>((resolve) => {
    s.once('connect', () => resolve(null));
    s.once('connect_error', (e) => resolve(e.message));
  });

describe('Socket.IO deny matrix', () => {
  it('has a sample payload for every client event', () => {
    expect(Object.keys(EVENT_SAMPLES).sort()).toEqual([...EVENTS].sort());
  });

  it('refuses a handshake without a session (anonymous), and audits it', async () => {
    const s = open({ origin: base });
    expect(await outcome(s)).toBe('unauthorized');
    expect(s.connected).toBe(false);
    const forged = open({ origin: base, cookie: `fleetscope_session=${randomBytes(32).toString('base64url')}` });
    expect(await outcome(forged)).toBe('unauthorized');
    const entries = await deniedEntries('socket.connect');
    const reasons = entries.filter((x) => x.actor === 'anonymous' && x.target === 'handshake').map((x) => x.detail?.reason);
    expect(reasons).toContain('no session');
    expect(reasons).toContain('session invalid or expired');
  });

  it('refuses a valid session from a foreign Origin or without one, and audits it', async () => {
    const cookie = await cookieAs(app, 'admin');
    expect(await outcome(open({ cookie, origin: 'http://evil.example' }))).toBe('origin not allowed');
    expect(await outcome(open({ cookie, origin: base.replace(/:(\d+)$/, (_, p: string) => `:${Number(p) + 1}`) }))).toBe(
      'origin not allowed',
    );
    expect(await outcome(open({ cookie }))).toBe('origin not allowed');
    const reasons = (await deniedEntries('socket.connect')).map((x) => String(x.detail?.reason));
    expect(reasons).toContain('origin http://evil.example not allowed');
    expect(reasons).toContain('origin (none) not allowed');
  });

  it.each(ROLES)('%s: allowed events reach the app and work; others are refused and audited', async (role) => {
    const s = open({ cookie: await cookieAs(app, role), origin: base });
    const snapshots: unknown[] = [];
    const graphs: unknown[] = [];
    s.on('fleet:snapshot', (x) => void snapshots.push(x));
    s.on('flow:graph', (g) => void graphs.push(g));
    expect(await outcome(s)).toBeNull();
    await waitFor('the first snapshot', () => snapshots.length >= 1, 5000);
    const inFlowRoom = () => io.of('/').adapter.rooms.get('flow')?.has(s.id!) ?? false;
    const reachedApp = (e: string) => reached.some((r) => r.sid === s.id && r.event === e);

    for (const event of EVENTS) {
      const before = { snapshots: snapshots.length, graphs: graphs.length };
      (s.emit as (e: string, ...a: unknown[]) => void)(event, ...EVENT_SAMPLES[event]());
      if (can(role, SOCKET_EVENT_CAPABILITY[event])) {
        await waitFor(`${event} from ${role} to reach the app`, () => reachedApp(event), 5000);
        if (event === 'fleet:resync') await waitFor('a fresh snapshot', () => snapshots.length > before.snapshots, 5000);
        if (event === 'flow:subscribe') {
          await waitFor('a flow:graph push', () => graphs.length > before.graphs, 5000);
          expect(inFlowRoom()).toBe(true);
        }
        if (event === 'flow:unsubscribe') await waitFor('leaving the flow room', () => !inFlowRoom(), 5000);
      } else {
        await new Promise((r) => setTimeout(r, 300));
        expect(reachedApp(event), `${event} from ${role} should be refused`).toBe(false);
      }
    }
    const deniedEvents = (await deniedEntries('socket.event'))
      .filter((x) => x.actor === `${role}@test.local`)
      .map((x) => x.target)
      .sort();
    expect(deniedEvents).toEqual(EVENTS.filter((e) => !can(role, SOCKET_EVENT_CAPABILITY[e])).sort());
    // Refusals never end the connection.
    expect(s.connected).toBe(true);
  });

  it.each(['viewer', 'admin'] as const)(
    '%s: an unknown event is refused (never reaches a handler), audited, and the socket stays',
    async (role) => {
      const s = open({ cookie: await cookieAs(app, role), origin: base });
      expect(await outcome(s)).toBeNull();
      (s.emit as (e: string, ...a: unknown[]) => void)(UNKNOWN_EVENT, { now: true });
      const entry = await waitFor(
        'the refusal in the audit log',
        async () => (await deniedEntries('socket.event')).find((x) => x.actor === `${role}@test.local` && x.target === UNKNOWN_EVENT),
        5000,
      );
      expect(entry.detail).toMatchObject({ reason: 'unknown event', role });
      expect(reached.some((r) => r.sid === s.id && r.event === UNKNOWN_EVENT)).toBe(false);
      // Still connected and served.
      const snap = new Promise((r) => s.once('fleet:snapshot', r));
      s.emit('fleet:resync');
      await snap;
      expect(s.connected).toBe(true);
    },
  );

  it('a user disabled by an admin gets auth:revoked on every open socket and is disconnected at once', async () => {
    await ensureUser(app.db, 'viewer', 'soon-disabled@test.local');
    const user = (await userByEmail(app.db, 'soon-disabled@test.local'))!;
    const { token } = await app.identity.login(user.email, 'correct horse battery staple', { address: '127.0.0.1', userAgent: 'test' });
    const a = open({ cookie: `fleetscope_session=${token}`, origin: base });
    const b = open({ cookie: `fleetscope_session=${token}`, origin: base });
    expect(await Promise.all([outcome(a), outcome(b)])).toEqual([null, null]);
    const revoked = (s: ClientSocket) => new Promise<string>((r) => s.once('auth:revoked', r));
    const gone = (s: ClientSocket) => new Promise<string>((r) => s.once('disconnect', r));
    const waits = [revoked(a), revoked(b), gone(a), gone(b)];
    const t0 = Date.now();
    await createCaller(contexts.get('admin')!).users.update({ id: user.id, disabled: true });
    const [reasonA, , disconnectA] = await Promise.all(waits);
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(reasonA).toMatch(/revoked|sign in/);
    expect(disconnectA).toBe('io server disconnect');
    // And it cannot come back with that cookie.
    expect(await outcome(open({ cookie: `fleetscope_session=${token}`, origin: base }))).toBe('unauthorized');
  });
});
