// The dispatcher and the command book against a real database (PGlite, or Postgres with DATABASE_URL) whose
// connection the test cuts at will, with hand-made robot reports on an in-process bus and a stub commander:
// - a report whose write fails is kept and lands when the database is back, with its history and report time,
//   and the timeout sweeper does not decide over it meanwhile; nothing is left unhandled;
// - a robot's state alone (no change events) finishes a command in flight;
// - a command that expired while the app was down says so.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDb, type Db } from '../../db/client';
import { insertCommand } from '../../db/queries/commands';
import { upsertRobot } from '../../db/queries/robots';
import { createInProcessBus } from '../adapters/bus/in-process';
import { newEnvelope } from '../domain/envelope';
import type { RobotView } from '../domain/robot';
import { newRobotView } from '../domain/robot-merge';
import { createRoutePlanner } from '../domain/route-planner';
import { SUBJECTS } from '../domain/telemetry';
import type { StateMessage } from '../domain/vda5050/messages';
import { PROTOCOL_SUBJECTS, type DeliveryOutcome, type RobotActionTransition } from '../domain/vda5050/protocol-events';
import { systemClock } from '../ports/clock';
import type { RobotCommander } from '../ports/robot-commander';
import { createCommandBook } from '../services/command-book';
import { createCommandLedger } from '../services/command-ledger';
import { readMapFile } from '../services/site-map';
import { createTestDatabase, tempDir, testLogger, waitFor } from '../testing/test-env';
import { createCommandDispatcher, type DispatcherOptions } from './command-dispatcher';

let db: Db;
let drop: () => Promise<void>;
let robotId: number;
let down = false;
const unhandled: unknown[] = [];
const onUnhandled = (e: unknown) => unhandled.push(e);
const stops: (() => Promise<void>)[] = [];

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  const t = await createTestDatabase();
  drop = t.drop;
  db = await openDb({ databaseUrl: t.url, dataDir: tempDir('dispatcher'), migrate: true });
  robotId = (await upsertRobot(db, { manufacturer: 'M', serialNumber: 'D-1' })).id;
}, 60_000);

afterAll(async () => {
  down = false;
  for (const s of stops) await s();
  await db?.close();
  await drop?.();
  process.off('unhandledRejection', onUnhandled);
});

/** The database as the app sees it: every statement fails while `down`, like a stopped Postgres. */
const flakyDb = (): Db => ({
  ...db,
  kind: db.kind,
  orm: db.orm,
  rows: (q) => (down ? Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432')) : db.rows(q)),
  ping: () => db.ping(),
  close: async () => {},
});

async function setup(options: Partial<DispatcherOptions> = {}, deliver?: (robotId: number) => DeliveryOutcome) {
  const map = await readMapFile();
  const planner = createRoutePlanner(map);
  const bus = createInProcessBus();
  const start = map.nodes[0]!;
  const robot: RobotView = {
    ...newRobotView(robotId, 'M', 'D-1'),
    connection: 'ONLINE',
    pose: { x: start.x, y: start.y, theta: 0, mapId: map.mapId },
    lastNodeId: start.id,
    lastSeenAt: Date.now(),
  };
  const fleet = { list: () => [robot], get: (id: number) => (id === robotId ? robot : undefined) };
  const sent: unknown[] = [];
  const sentWith = <M>(message: M) => {
    sent.push(message);
    const delivery = deliver ? Promise.resolve(deliver(robotId)) : new Promise<DeliveryOutcome>(() => {});
    return Promise.resolve({ message, topic: 't', delivery });
  };
  const commander = {
    sendOrder: (_r: number, order: unknown) => sentWith(order),
    sendInstantActions: (_r: number, actions: unknown) => sentWith(actions),
    stats: () => ({}) as never,
    stop: () => {},
  } as unknown as RobotCommander;
  const book = createCommandBook({ db: flakyDb(), clock: systemClock, logger: testLogger, options: { retryFirstMs: 20, retryMaxMs: 100 } });
  const dispatcher = createCommandDispatcher({
    book,
    bus,
    commander,
    fleet,
    factsheets: { get: () => undefined },
    planner,
    clock: systemClock,
    logger: testLogger,
    options: { tickMs: 50, ...options },
  });
  const ledger = createCommandLedger({
    db: flakyDb(),
    book,
    dispatcher,
    fleet,
    factsheets: { get: () => undefined },
    planner,
    clock: systemClock,
  });
  stops.push(() => dispatcher.stop());
  const publish = (subject: string, payload: unknown, receivedAt = Date.now()) =>
    bus.publish(newEnvelope({ subject, source: 'test', producedAt: receivedAt, receivedAt, payload }));
  return { map, book, dispatcher, ledger, publish, sent };
}

const status = async (ledger: ReturnType<typeof createCommandLedger>, id: string) => (await ledger.byId(id)).command.status;

it('a robot report whose write fails during an outage lands when the database is back; the sweeper waits', async () => {
  const acked = (r: number): DeliveryOutcome =>
    ({
      robotId: r,
      topic: 'instantActions',
      status: 'acknowledged',
      attempts: 1,
      firstSentAt: Date.now(),
      settledAt: Date.now(),
    }) as DeliveryOutcome;
  const { book, dispatcher, ledger, publish } = await setup({ instantDoneMs: 300 }, acked);
  dispatcher.start();
  const c = await ledger.issue({ robotId, type: 'stateRequest' }, { name: 'it' });
  await waitFor('acknowledged', async () => (await status(ledger, c.id)) === 'acknowledged');

  down = true;
  const reportedAt = Date.now();
  const t: RobotActionTransition = {
    robotId,
    ts: reportedAt,
    headerId: 5,
    actionId: c.actionId!,
    actionType: 'stateRequest',
    from: 'RUNNING',
    to: 'FINISHED',
    resultDescription: null,
    orderId: '',
  };
  publish(PROTOCOL_SUBJECTS.action, t);
  // Longer than the 300 ms the sweeper allows an acknowledged action: it must not time the command out.
  await new Promise((r) => setTimeout(r, 900));
  const during = book.stats();
  expect(during).toMatchObject({ pendingWrites: 1, retryingWrites: 1, lastWriteError: expect.stringContaining('ECONNREFUSED') });
  expect(during.writeFailures).toBeGreaterThan(2);
  expect(during.oldestPendingWriteMs).toBeGreaterThanOrEqual(800);
  expect(book.get(c.id)?.status).toBe('acknowledged');

  down = false;
  await waitFor('succeeded after the outage', async () => (await status(ledger, c.id)) === 'succeeded', 5_000);
  const { command, events } = await ledger.byId(c.id);
  expect(events.map((e) => e.to)).toEqual(['requested', 'queued', 'dispatched', 'acknowledged', 'succeeded']);
  // Written late, dated when the robot reported it.
  expect(command.finishedAt! - reportedAt).toBeLessThan(200);
  expect(events[4]!.at - reportedAt).toBeLessThan(200);
  expect(book.stats()).toMatchObject({ pendingWrites: 0, writesLandedLate: 1 });
  expect(unhandled).toEqual([]);
}, 30_000);

it('a command in flight finishes from the robot state alone, without change events', async () => {
  const { map, dispatcher, ledger, publish, sent } = await setup();
  dispatcher.start();
  const dest = map.nodes.find((n) => n.id !== map.nodes[0]!.id && n.place)!;
  const c = await ledger.issue({ robotId, type: 'goTo', params: { nodeId: dest.id } }, { name: 'it' });
  await waitFor('dispatched', async () => (await status(ledger, c.id)) === 'dispatched');
  const order = sent.find((m) => (m as { orderId?: string }).orderId === c.orderId) as {
    orderId: string;
    nodes: { nodeId: string; sequenceId: number }[];
  };
  const last = order.nodes[order.nodes.length - 1]!;
  const state = {
    headerId: 9,
    timestamp: new Date().toISOString(),
    version: '2.0.0',
    manufacturer: 'M',
    serialNumber: 'D-1',
    orderId: order.orderId,
    orderUpdateId: 0,
    lastNodeId: last.nodeId,
    lastNodeSequenceId: last.sequenceId,
    nodeStates: [],
    edgeStates: [],
    driving: false,
    operatingMode: 'AUTOMATIC',
    actionStates: [],
    batteryState: { batteryCharge: 50, charging: false },
    errors: [],
    safetyState: { eStop: 'NONE', fieldViolation: false },
  } as StateMessage;
  publish(SUBJECTS.state, { topic: 'state', robotId, manufacturer: 'M', serialNumber: 'D-1', size: 1, message: state });
  await waitFor('succeeded from state', async () => (await status(ledger, c.id)) === 'succeeded', 5_000);
  const { events } = await ledger.byId(c.id);
  expect(events.map((e) => e.to)).toEqual(['requested', 'queued', 'dispatched', 'acknowledged', 'succeeded']);
  expect(events[4]!.detail).toMatch(/state shows the order finished/);
  expect(dispatcher.stats().reconciled).toBe(1);
  // A state its gateway received 5 s before the one applied (retried after a bus outage) is the robot's past.
  const past = { ...state, headerId: 8, orderId: 'older-order', lastNodeId: map.nodes[0]!.id };
  publish(SUBJECTS.state, { topic: 'state', robotId, manufacturer: 'M', serialNumber: 'D-1', size: 1, message: past }, Date.now() - 5_000);
  expect(dispatcher.stats().lateStates).toBe(1);
}, 30_000);

it('a command whose TTL ended while the app was down expires saying so', async () => {
  const now = Date.now();
  const row = await insertCommand(db, {
    id: crypto.randomUUID(),
    robotId,
    type: 'pause',
    params: {},
    idempotencyKey: null,
    issuedBy: 'it',
    issuedAt: now - 120_000,
    ttlMs: 30_000,
    priority: 0,
    traceId: '0'.repeat(32),
    actionId: null,
    orderId: null,
    batchId: null,
    parentId: null,
    status: 'queued',
    outcome: null,
  });
  const { dispatcher, ledger } = await setup();
  dispatcher.resume([row!], { lastActivityAt: now - 100_000 });
  await dispatcher.pump();
  const { command } = await waitFor('expired', async () => {
    const r = await ledger.byId(row!.id);
    return r.command.status === 'expired' ? r : null;
  });
  expect(command.outcome).toMatch(
    new RegExp(
      `expired while the app was not running \\(down from ${new Date(now - 100_000).toISOString().replace(/\./g, '\\.')} to \\d{4}-`,
    ),
  );
  expect(command.outcome).not.toMatch(/not online/);
}, 30_000);
