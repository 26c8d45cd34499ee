// The alert store and outbox on a real database (PGlite, or Postgres when DATABASE_URL is set): the lifecycle with
// its transitions, idempotent retries, the database's own refusal of a duplicate unresolved alert, filters, the
// outbox's delivery states, text Postgres cannot store, and the robot's timeline.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openDb } from '../../../db/client';
import { listRobotEvents } from '../../../db/queries/robot-events';
import { upsertRobots } from '../../../db/queries/robots';
import type { AlertTransition, AlertView } from '../../domain/alerts/alert';
import { defaultRule } from '../../domain/alerts/rule-catalogue';
import type { AlertWebhookBody } from '../../domain/alerts/webhook-body';
import type { AlertChange, AlertOutbox, AlertStore } from '../../ports/alert-store';
import { createTestDatabase, tempDir } from '../../testing/test-env';
import { createAlertOutbox, createAlertStore } from './alert-store';

let db: Db;
let drop: () => Promise<void>;
let store: AlertStore;
let outbox: AlertOutbox;
let robotA: number;
let robotB: number;

beforeAll(async () => {
  const t = await createTestDatabase();
  drop = t.drop;
  db = await openDb({ databaseUrl: t.url, dataDir: tempDir('alert-store'), migrate: true });
  store = createAlertStore(db);
  outbox = createAlertOutbox(db);
  const robots = await upsertRobots(db, [
    { manufacturer: 'Acme', serialNumber: 'AL-1' },
    { manufacturer: 'Acme', serialNumber: 'AL-2' },
  ]);
  robotA = robots[0]!.id;
  robotB = robots[1]!.id;
}, 60_000);

afterAll(async () => {
  await db?.close();
  await drop?.();
});

const T0 = Date.parse('2026-12-02T08:00:00.000Z');

function newAlert(over: Partial<AlertView> & Pick<AlertView, 'ruleId' | 'subject'>): AlertView {
  return {
    id: randomUUID(),
    severity: 'warning',
    robotId: null,
    title: 'something is wrong',
    detail: { value: 1 },
    state: 'open',
    openedAt: T0,
    acknowledgedBy: null,
    acknowledgedAt: null,
    acknowledgeNote: null,
    resolvedAt: null,
    resolvedBy: null,
    resolveNote: null,
    flaps: 0,
    active: true,
    traceId: null,
    updatedAt: over.openedAt ?? T0,
    ...over,
  };
}

function body(alert: AlertView, event: AlertTransition, at: number, by: string, note: string | null, id: string): AlertWebhookBody {
  return { id, event, at, by, note, rule: { id: alert.ruleId, name: 'a rule' }, alert };
}

/** A change with one notification to `url` (none without one). */
function change(
  alert: AlertView,
  transition: AlertTransition,
  at: number,
  by = 'auto',
  note: string | null = null,
  url?: string,
): AlertChange {
  const id = randomUUID();
  return {
    alert,
    transition: { alertId: alert.id, transition, at, by, note },
    notifications: url ? [{ id, url, body: body(alert, transition, at, by, note, id) }] : [],
  };
}

const count = async (table: string, alertId: string) =>
  (await db.rows<{ n: number }>(sql`select count(*)::int as n from ${sql.raw(table)} where alert_id = ${alertId}::uuid`))[0]!.n;

describe('alert store', () => {
  it('keeps an alert through open → acknowledged → resolved, with each transition and its notifications', async () => {
    const opened = newAlert({ ruleId: 'robot.battery_low', subject: `robot:${robotA}`, robotId: robotA, title: 'AL-1 battery 12 %' });
    const open = change(opened, 'opened', T0, 'auto', null, 'http://hook.test/a');
    await store.apply(open);
    expect(await store.byId(opened.id)).toEqual(opened);

    const acked: AlertView = {
      ...opened,
      state: 'acknowledged',
      acknowledgedBy: 'olga',
      acknowledgedAt: T0 + 1_000,
      acknowledgeNote: 'on my way',
      updatedAt: T0 + 1_000,
    };
    await store.apply(change(acked, 'acknowledged', T0 + 1_000, 'olga', 'on my way', 'http://hook.test/a'));
    const resolved: AlertView = {
      ...acked,
      state: 'resolved',
      active: false,
      resolvedAt: T0 + 5_123,
      resolvedBy: 'auto',
      updatedAt: T0 + 5_123,
      flaps: 2,
    };
    await store.apply(change(resolved, 'resolved', T0 + 5_123, 'auto', null, 'http://hook.test/a'));

    expect(await store.byId(opened.id)).toEqual(resolved);
    expect(await store.transitions(opened.id)).toEqual([
      { alertId: opened.id, transition: 'opened', at: T0, by: 'auto', note: null },
      { alertId: opened.id, transition: 'acknowledged', at: T0 + 1_000, by: 'olga', note: 'on my way' },
      { alertId: opened.id, transition: 'resolved', at: T0 + 5_123, by: 'auto', note: null },
    ]);
    expect(await count('alert_outbox', opened.id)).toBe(3);
    expect(await store.byId(randomUUID())).toBeNull();

    // A resolved alert never changes again: a late change, or a retried opening, writes nothing.
    await store.apply(open);
    await store.apply(change({ ...resolved, state: 'acknowledged', resolvedAt: null }, 'acknowledged', T0 + 9_000, 'bob'));
    expect(await store.byId(opened.id)).toEqual(resolved);
    expect(await count('alert_transitions', opened.id)).toBe(3);
  });

  it('stores one transition and one notification when the same change is applied twice', async () => {
    const a = newAlert({ ruleId: 'robot.stuck', subject: `robot:${robotB}`, robotId: robotB });
    const c = change(a, 'opened', T0 + 0.5, 'auto', null, 'http://hook.test/b');
    await store.apply(c);
    await store.apply(c);
    const acked = change({ ...a, state: 'acknowledged', acknowledgedBy: 'kim', acknowledgedAt: T0 + 10 }, 'acknowledged', T0 + 10, 'kim');
    acked.notifications = c.notifications.map((n) => ({ ...n, id: randomUUID(), url: 'http://hook.test/c' }));
    await store.apply(acked);
    await Promise.all([store.apply(acked), store.apply(acked)]);
    expect(await count('alert_transitions', a.id)).toBe(2);
    expect(await count('alert_outbox', a.id)).toBe(2);
    const events = await listRobotEvents(db, { robotId: robotB });
    expect(events.filter((e) => (e.detail as { alertId?: string }).alertId === a.id).map((e) => e.kind)).toEqual([
      'alert_acknowledged',
      'alert_opened',
    ]);
  });

  it('writes a robot alert on the robot’s event timeline, and none for an app alert', async () => {
    const [r] = await upsertRobots(db, [{ manufacturer: 'Acme', serialNumber: 'AL-timeline' }]);
    const a = newAlert({
      ruleId: 'robot.emergency_stop',
      subject: `robot:${r!.id}`,
      robotId: r!.id,
      severity: 'critical',
      title: 'e-stop',
    });
    await store.apply(change(a, 'opened', T0 + 20));
    await store.apply(change({ ...a, state: 'resolved', resolvedBy: 'ann', resolvedAt: T0 + 30 }, 'resolved', T0 + 30, 'ann', 'reset'));
    const events = await listRobotEvents(db, { robotId: r!.id });
    expect(events.map((e) => ({ kind: e.kind, ts: new Date(e.ts).getTime(), detail: e.detail }))).toEqual([
      {
        kind: 'alert_resolved',
        ts: T0 + 30,
        detail: { alertId: a.id, ruleId: a.ruleId, severity: 'critical', title: 'e-stop', by: 'ann', note: 'reset' },
      },
      {
        kind: 'alert_opened',
        ts: T0 + 20,
        detail: { alertId: a.id, ruleId: a.ruleId, severity: 'critical', title: 'e-stop', by: 'auto', note: null },
      },
    ]);

    const before = (await db.rows<{ n: number }>(sql`select count(*)::int as n from robot_events`))[0]!.n;
    await store.apply(change(newAlert({ ruleId: 'app.database_down', subject: 'app:database-x' }), 'opened', T0));
    expect((await db.rows<{ n: number }>(sql`select count(*)::int as n from robot_events`))[0]!.n).toBe(before);
  });

  it('keeps the alert when its robot is deleted, without the link', async () => {
    const [r] = await upsertRobots(db, [{ manufacturer: 'Acme', serialNumber: 'AL-gone' }]);
    const a = newAlert({ ruleId: 'robot.offline', subject: `robot:${r!.id}`, robotId: r!.id });
    await store.apply(change(a, 'opened', T0));
    await db.rows(sql`delete from robots where id = ${r!.id}`);
    expect(await store.byId(a.id)).toMatchObject({ robotId: null, subject: `robot:${r!.id}` });
  });

  it('refuses a second unresolved alert for one rule and subject in the database, and allows one after a resolve', async () => {
    const first = newAlert({ ruleId: 'app.broker_down', subject: 'app:broker' });
    await store.apply(change(first, 'opened', T0, 'auto', null, 'http://hook.test/d'));
    const dup = newAlert({ ruleId: 'app.broker_down', subject: 'app:broker', openedAt: T0 + 1 });
    const err = await store.apply(change(dup, 'opened', T0 + 1, 'auto', null, 'http://hook.test/d')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(String((err as { code?: string; cause?: { code?: string } }).code ?? (err as { cause?: { code?: string } }).cause?.code)).toBe(
      '23505',
    );
    // Nothing of the refused change was kept (one statement).
    expect(await store.byId(dup.id)).toBeNull();
    expect(await count('alert_outbox', dup.id)).toBe(0);
    expect(await count('alert_transitions', dup.id)).toBe(0);

    await store.apply(change({ ...first, state: 'resolved', active: false, resolvedAt: T0 + 2, resolvedBy: 'auto' }, 'resolved', T0 + 2));
    const again = newAlert({ ruleId: 'app.broker_down', subject: 'app:broker', openedAt: T0 + 3 });
    await store.apply(change(again, 'opened', T0 + 3));
    expect((await store.list({ rule: 'app.broker_down', limit: 10 })).map((a) => [a.id, a.state])).toEqual([
      [again.id, 'open'],
      [first.id, 'resolved'],
    ]);
  });

  it('loads the unresolved alerts, oldest first, and lists by state, severity, rule and robot, newest first', async () => {
    const unresolved = await store.loadUnresolved();
    expect(unresolved.every((a) => a.state !== 'resolved')).toBe(true);
    expect(unresolved.map((a) => a.openedAt)).toEqual([...unresolved.map((a) => a.openedAt)].sort((x, y) => x - y));
    const c = newAlert({ ruleId: 'command.failed', subject: `robot:${robotA}`, robotId: robotA, severity: 'info', openedAt: T0 + 100 });
    await store.apply(change(c, 'opened', T0 + 100));
    expect((await store.loadUnresolved()).map((a) => a.id)).toContain(c.id);

    const all = await store.list({ limit: 500 });
    expect(all.map((a) => a.openedAt)).toEqual([...all.map((a) => a.openedAt)].sort((x, y) => y - x));
    expect((await store.list({ severity: 'info', limit: 10 })).map((a) => a.id)).toEqual([c.id]);
    expect((await store.list({ robotId: robotA, limit: 10 })).map((a) => a.ruleId)).toEqual(['command.failed', 'robot.battery_low']);
    expect((await store.list({ robotId: robotA, state: 'resolved', limit: 10 })).map((a) => a.ruleId)).toEqual(['robot.battery_low']);
    expect((await store.list({ state: 'acknowledged', limit: 10 })).map((a) => a.ruleId)).toEqual(['robot.stuck']);
    expect(await store.list({ limit: 2 })).toHaveLength(2);
  });

  it('stores a title, detail and note with a NUL character and a lone surrogate, and keeps other unicode as it is', async () => {
    const odd = 'fahrzeug\u0000 \uD800 stuck 🤖 é ∑ \u200B ok';
    const a = newAlert({ ruleId: 'robot.fatal_error', subject: 'robot:odd', title: odd, detail: { 'k\u0000': odd, list: [odd] } });
    await store.apply(change(a, 'opened', T0, 'auto', odd, 'http://hook.test/odd'));
    const safe = 'fahrzeug\uFFFD \uFFFD stuck 🤖 é ∑ \u200B ok';
    const stored = await store.byId(a.id);
    expect(stored?.title).toBe(safe);
    expect(stored?.detail).toEqual({ 'k\uFFFD': safe, list: [safe] });
    expect((await store.transitions(a.id))[0]?.note).toBe(safe);
    const [delivery] = (await outbox.recent(100)).filter((d) => d.body.alert.id === a.id);
    expect(delivery?.body.note).toBe(safe);
    expect(delivery?.body.alert.title).toBe(safe);
  });

  it('saves rule overrides and loads them with the catalogue’s fixed parts', async () => {
    expect(await store.loadRules()).toEqual([]);
    const rule = { ...defaultRule('robot.battery_low'), threshold: 25.5, enabled: false, updatedAt: T0, updatedBy: 'admin' };
    await store.saveRule(rule);
    await store.saveRule({ ...rule, webhookUrl: 'https://hooks.example/battery', forSec: 30, updatedAt: T0 + 1 });
    await store.saveRule({ ...defaultRule('app.broker_down'), severity: 'warning', updatedAt: T0, updatedBy: 'admin' });
    await db.rows(sql`insert into alert_rules (rule_id, enabled, severity, for_sec, clear_sec, updated_at, updated_by)
      values ('robot.retired', true, 'info', 0, 0, now(), 'x')`);
    expect(await store.loadRules()).toEqual([
      { ...defaultRule('app.broker_down'), severity: 'warning', updatedAt: T0, updatedBy: 'admin' },
      { ...rule, webhookUrl: 'https://hooks.example/battery', forSec: 30, updatedAt: T0 + 1 },
    ]);
  });
});

describe('alert outbox', () => {
  it('hands out due notifications oldest first, and records deliveries, retries and giving up', async () => {
    await db.rows(sql`delete from alert_outbox`);
    const t = T0 + 60_000;
    const a = newAlert({ ruleId: 'app.ingest_backlog', subject: 'app:ingest', openedAt: t });
    const c1 = change(a, 'opened', t, 'auto', null, 'http://hook.test/1');
    c1.notifications.push({ ...c1.notifications[0]!, id: randomUUID(), url: 'http://hook.test/2' });
    await store.apply(c1);
    const c2 = change(
      { ...a, state: 'acknowledged', acknowledgedBy: 'x', acknowledgedAt: t + 10 },
      'acknowledged',
      t + 10,
      'x',
      null,
      'http://hook.test/1',
    );
    await store.apply(c2);
    const c3 = change(
      { ...a, state: 'resolved', resolvedBy: 'x', resolvedAt: t + 20 },
      'resolved',
      t + 20,
      'x',
      null,
      'http://hook.test/1',
    );
    await store.apply(c3);

    expect(await outbox.due(t - 1, 10)).toEqual([]);
    // Only the oldest pending notification of an alert per URL is due: an acknowledgement or resolution never
    // overtakes the opening before it.
    const due = await outbox.due(t + 10, 10);
    expect(due.map((d) => d.body.event)).toEqual(['opened', 'opened']);
    expect(due[0]).toMatchObject({ status: 'pending', attempts: 0, createdAt: t, nextAttemptAt: t, deliveredAt: null, lastError: null });
    expect(due[0]!.body).toEqual(c1.notifications.find((n) => n.id === due[0]!.id)!.body);
    expect(await outbox.due(t + 100, 1)).toHaveLength(1);

    const d1 = due.find((d) => d.url === 'http://hook.test/1')!;
    const d2 = due.find((d) => d.url === 'http://hook.test/2')!;
    await outbox.delivered(d1.id, t + 50);
    await outbox.delivered(d1.id, t + 99); // a repeat changes nothing
    await outbox.retryLater(d2.id, { at: t + 50, error: `HTTP 503 ${'x'.repeat(2_000)}`, nextAttemptAt: t + 1_000, giveUp: false });
    const [d3] = await outbox.due(t + 999, 10);
    expect(d3!.body.event).toBe('acknowledged');
    await outbox.retryLater(d3!.id, { at: t + 50, error: 'ECONNREFUSED', nextAttemptAt: t + 1_000, giveUp: true });
    await outbox.retryLater(d3!.id, { at: t + 60, error: 'again', nextAttemptAt: t + 2_000, giveUp: false }); // failed stays failed

    expect((await outbox.due(t + 999, 10)).map((d) => d.body.event)).toEqual(['resolved']);
    const later = await outbox.due(t + 1_000, 10);
    expect(later.map((d) => d.id)).toEqual([d2.id, c3.notifications[0]!.id]);
    expect(later[0]).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: t + 1_000 });
    expect(later[0]!.lastError).toHaveLength(500);
    expect(later[0]!.lastError!.startsWith('HTTP 503 xx')).toBe(true);

    const recent = await outbox.recent(10);
    expect(recent.map((d) => d.body.event)).toEqual(['resolved', 'acknowledged', 'opened', 'opened']);
    expect(recent.find((d) => d.id === d1.id)).toMatchObject({ status: 'delivered', attempts: 1, deliveredAt: t + 50 });
    expect(recent.find((d) => d.id === d3!.id)).toMatchObject({
      status: 'failed',
      attempts: 1,
      lastError: 'ECONNREFUSED',
      deliveredAt: null,
    });
    expect(await outbox.recent(1)).toHaveLength(1);
    expect(await outbox.counts()).toEqual({ pending: 2, delivered: 1, failed: 1 });
  });
});
