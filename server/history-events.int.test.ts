// Timeline events end to end (issue 19): a real app with its simulated fleet and a hand-written VDA 5050 robot,
// over a real broker and database (PGlite, or Postgres with DATABASE_URL). A pause becomes command_issued (with
// its user), paused and command_finished; an injected fault becomes fault_injected / fault_cleared; a burst of
// invalid messages becomes ONE protocol_violation per 10 s carrying the count; a silent robot goes stale and back;
// alerts come from the alerts table; retention deletes only old robot events.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteRobotEventsBefore } from '../db/queries/history-events';
import { insertRobotEvents } from '../db/queries/robot-events';
import { HandWrittenRobot } from './adapters/gateways/vda5050-mqtt/testing/hand-written-robot';
import { createHistoryEventStore } from './adapters/storage/history-events';
import { createApp, type App } from './app';
import type { HistoryEvent, HistoryEventKind } from './domain/history/history-event';
import type { EventQuery } from './ports/history-store';
import { robotLogin } from './testing/mqtt-credentials';
import { testConfig, testLogger, waitFor } from './testing/test-env';

let app: App;
let hand: HandWrittenRobot;
let cleanup: () => Promise<void>;
const t0 = Date.now();

beforeAll(async () => {
  const t = await testConfig({ SIM_ROBOTS: '2', SIM_HZ: '5' });
  cleanup = t.cleanup;
  app = await createApp(t.config, {
    logger: testLogger,
    protocol: { factsheetGraceMs: 200, liveness: { staleAfterMs: 2000, offlineAfterMs: 120_000, tickMs: 100 } },
  });
  hand = await HandWrittenRobot.connect(
    app.brokerUrl,
    t.config.VDA_INTERFACE,
    'Hand Made',
    'HAND-1',
    await robotLogin(app, 'Hand Made', 'HAND-1'),
  );
  await waitFor(
    '2 simulated robots online',
    () => app.runtime.fleet.list().filter((r) => r.connection === 'ONLINE' && r.pose).length >= 2,
    20_000,
  );
  for (const r of app.runtime.fleet.list()) await waitFor(`factsheet of ${r.serialNumber}`, () => app.protocol.factsheet(r.id), 10_000);
}, 120_000);

afterAll(async () => {
  await hand?.close();
  await app?.stop();
  await cleanup?.();
});

const robotId = (serial: string) => app.runtime.fleet.list().find((r) => r.serialNumber === serial)!.id;
const list = (q: Partial<EventQuery> = {}) =>
  app.history.events.listEvents({ from: t0 - 1000, to: Date.now() + 1000, order: 'asc', limit: 5000, ...q });
const ofKinds = (es: HistoryEvent[], ...kinds: HistoryEventKind[]) => es.filter((e) => kinds.includes(e.kind));

describe('history events', () => {
  it('a pause: command_issued with its user, paused, command_finished; a fault: injected then cleared', async () => {
    const id = robotId('SIM-0001');
    const c = await app.commands.issue({ robotId: id, type: 'pause' }, { name: 'it-operator' });
    await waitFor('pause succeeded', async () => (await app.commands.byId(c.id)).command.status === 'succeeded', 20_000);
    app.sim!.injectFault('SIM-0001', { kind: 'delay', ms: 5 });
    await waitFor('fault_injected stored', async () => ofKinds(await list({ robotIds: [id] }), 'fault_injected').length === 1, 10_000);
    app.sim!.clearFault('SIM-0001');
    const es = await waitFor(
      'fault_cleared stored',
      async () => {
        const all = await list({ robotIds: [id] });
        return ofKinds(all, 'fault_cleared').length === 1 ? all : null;
      },
      10_000,
    );
    const mine = ofKinds(es, 'command_issued', 'command_finished', 'paused', 'fault_injected', 'fault_cleared');
    const kinds = mine.map((e) => e.kind);
    expect(kinds.indexOf('command_issued')).toBeLessThan(kinds.indexOf('paused'));
    expect(kinds.indexOf('command_issued')).toBeLessThan(kinds.indexOf('command_finished'));
    expect(kinds.slice(-2)).toEqual(['fault_injected', 'fault_cleared']);
    expect(mine.find((e) => e.kind === 'command_issued')).toMatchObject({
      id: `c:${c.id}:0`,
      robotId: id,
      category: 'command',
      summary: 'Command pause issued by it-operator',
      detail: { commandId: c.id, issuedBy: 'it-operator', type: 'pause' },
    });
    expect(mine.find((e) => e.kind === 'command_finished')).toMatchObject({
      id: `c:${c.id}:1`,
      detail: { status: 'succeeded' },
      level: 'info',
    });
    expect(mine.find((e) => e.kind === 'paused')).toMatchObject({ category: 'status', level: 'warning', summary: 'Paused' });
    expect(mine.find((e) => e.kind === 'fault_injected')).toMatchObject({ category: 'fault', detail: { kind: 'delay', ms: 5 } });
    // The whole list is ordered, and only this robot's.
    expect(es.every((e, i) => i === 0 || es[i - 1]!.ts <= e.ts)).toBe(true);
    expect(es.every((e) => e.robotId === id)).toBe(true);
    // Kinds filter, newest first, limit.
    const desc = await list({ robotIds: [id], kinds: ['command_issued', 'command_finished'], order: 'desc', limit: 1 });
    expect(desc).toHaveLength(1);
    expect(desc[0]!.kind).toBe('command_finished');
  });

  it('a burst of invalid messages is one protocol_violation per 10 s carrying the count; a silent robot goes stale and back', async () => {
    await hand.online();
    await hand.publishState();
    await waitFor('hand robot known', () => app.runtime.fleet.list().some((r) => r.serialNumber === 'HAND-1' && r.connection === 'ONLINE'));
    const id = robotId('HAND-1');
    const invalid = { batteryState: { batteryCharge: 'full', charging: false } };
    for (let i = 0; i < 20; i++) await hand.publishState(invalid);
    const violations = () => list({ robotIds: [id], kinds: ['protocol_violation'] });
    await waitFor('first protocol_violation', async () => (await violations()).length > 0, 10_000);
    const firstSeenAt = Date.now();
    await new Promise((r) => setTimeout(r, 2500));
    const first = await violations();
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ category: 'protocol', level: 'warning' });
    expect(first[0]!.detail).toMatchObject({ topic: 'state' });
    expect(String(first[0]!.detail.path)).toContain('batteryState');
    const counted = (es: HistoryEvent[]) => es.reduce((n, e) => n + Number(e.detail.count), 0);
    const all = await waitFor(
      'all 20 counted',
      async () => ((await violations()).length <= 2 && counted(await violations()) === 20 ? violations() : null),
      15_000,
    );
    // A second burst within the window waits for it to close, then comes as one event with its count.
    const seen = all.length;
    for (let i = 0; i < 5; i++) await hand.publishState(invalid);
    await new Promise((r) => setTimeout(r, 1500));
    // (Only while the first window is surely still open: a loaded machine may have taken longer to get here.)
    if (Date.now() - firstSeenAt < 7000) expect(await violations()).toHaveLength(seen);
    const later = await waitFor(
      'the second burst, counted',
      async () => ((await violations()).length === seen + 1 ? violations() : null),
      15_000,
    );
    expect(later.at(-1)!.detail.count).toBe(5);
    // Silent well past staleAfterMs by now (invalid messages do not count as alive), then speaking again.
    await waitFor('stale stored', async () => ofKinds(await list({ robotIds: [id] }), 'stale').length === 1, 10_000);
    await hand.publishState();
    const es = await waitFor('stale_cleared stored', async () => {
      const all = await list({ robotIds: [id] });
      return ofKinds(all, 'stale_cleared').length === 1 ? all : null;
    });
    const kinds = ofKinds(es, 'connection', 'stale', 'stale_cleared').map((e) => e.kind);
    expect(kinds).toEqual(['connection', 'stale', 'stale_cleared']);
  }, 60_000);

  it('alerts come from the alerts table, robot-wide and app-wide; robot filters leave app alerts out', async () => {
    const opened = Date.now() - 5000;
    await app.db.orm.execute(sql`
      insert into alerts (id, rule_id, severity, subject, robot_id, title, detail, state, opened_at, resolved_at, resolved_by, active, updated_at)
      values ('00000000-0000-4000-8000-00000000a001', 'brokerDown', 'critical', 'app:broker', null, 'Broker unreachable', '{}'::jsonb,
              'resolved', to_timestamp(${opened}::float8 / 1000), to_timestamp(${opened + 2000}::float8 / 1000), 'system', false,
              to_timestamp(${opened + 2000}::float8 / 1000))`);
    const all = ofKinds(await list(), 'alert_opened', 'alert_resolved').filter((e) => e.id.includes('a001'));
    expect(all.map((e) => [e.kind, e.robotId, e.level])).toEqual([
      ['alert_opened', null, 'error'],
      ['alert_resolved', null, 'info'],
    ]);
    expect(all[0]).toMatchObject({ id: 'a:00000000-0000-4000-8000-00000000a001:opened', summary: 'Alert: Broker unreachable' });
    const robotOnly = await list({ robotIds: [robotId('SIM-0001')], kinds: ['alert_opened'] });
    expect(robotOnly.some((e) => e.robotId === null)).toBe(false);
  });

  it('retention deletes only robot events older than the cutoff, in chunks', async () => {
    const store = createHistoryEventStore(app.db);
    const id = robotId('SIM-0002');
    const old = Date.now() - 40 * 86_400_000;
    await insertRobotEvents(
      app.db,
      Array.from({ length: 12 }, (_, i) => ({ robotId: id, ts: old + i, kind: 'paused', detail: {} })),
    );
    const before = await store.listEvents({ from: old - 1, to: Date.now() + 1000, robotIds: [id], limit: 5000 });
    const recent = before.filter((e) => e.ts > old + 1000).length;
    expect(recent).toBeGreaterThan(0);
    expect(await deleteRobotEventsBefore(app.db, Date.now() - 30 * 86_400_000, 5)).toBe(12); // 5 + 5 + 2
    const after = await store.listEvents({ from: old - 1, to: Date.now() + 1000, robotIds: [id], limit: 5000 });
    expect(after.filter((e) => e.ts < old + 1000)).toHaveLength(0);
    expect(after.length).toBeGreaterThanOrEqual(recent);
    expect(await store.deleteEventsBefore(Date.now() - 30 * 86_400_000)).toBe(0);
  });
});
