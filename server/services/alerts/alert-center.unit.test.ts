import { describe, expect, it } from 'vitest';
import type { AlertTransitionRecord, AlertView } from '../../domain/alerts/alert';
import type { AlertRule } from '../../domain/alerts/rule-catalogue';
import type { AlertObservation } from '../../ports/alert-center';
import type { AlertChange, AlertStore } from '../../ports/alert-store';
import { createAlertCenter } from './alert-center';

const silent = { child: () => silent, info() {}, warn() {}, error() {}, debug() {} } as never;

/** The store as a map, with a switch to refuse writes (a database outage). */
function memoryStore() {
  const alerts = new Map<string, AlertView>();
  const log: AlertTransitionRecord[] = [];
  const changes: AlertChange[] = [];
  const rules = new Map<string, AlertRule>();
  const s = {
    down: false,
    /** Refuse the next write for its data, as Postgres does a duplicate (23505). */
    refuseNext: false,
    alerts,
    log,
    changes,
    async loadUnresolved() {
      return [...alerts.values()].filter((a) => a.state !== 'resolved').map((a) => ({ ...a }));
    },
    async loadRules() {
      return [...rules.values()];
    },
    async saveRule(r: AlertRule) {
      if (s.down) throw new Error('database down');
      rules.set(r.id, r);
    },
    async apply(c: AlertChange) {
      if (s.down) throw new Error('database down');
      if (s.refuseNext) {
        s.refuseNext = false;
        throw Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' });
      }
      alerts.set(c.alert.id, { ...c.alert });
      log.push(c.transition);
      changes.push(c);
    },
    async list() {
      return [...alerts.values()];
    },
    async byId(id: string) {
      return alerts.get(id) ?? null;
    },
    async transitions(id: string) {
      return log.filter((t) => t.alertId === id);
    },
  };
  return s satisfies AlertStore & Record<string, unknown>;
}

async function rig(store = memoryStore(), webhookUrl: string | null = null) {
  let t = 1_000_000;
  const clock = { now: () => t };
  const center = await createAlertCenter({
    store,
    outbox: { recent: async () => [] },
    clock,
    logger: silent,
    webhookUrl,
    writes: { retryFirstMs: 5, retryMaxMs: 20 },
    actionWriteWaitMs: 50,
  });
  // robot.offline stands for any rule the center times (forSec 20, clearSec 5 here).
  await center.updateRule({ id: 'robot.offline', forSec: 20, clearSec: 5 }, { name: 'setup' });
  const stuck = (active: boolean, robotId = 7): AlertObservation => ({
    ruleId: 'robot.offline',
    subject: { kind: 'robot', robotId },
    active,
    title: `SIM-000${robotId} stuck`,
  });
  /** One observation a second for `n` seconds. */
  const tick = (n: number, obs: (i: number) => AlertObservation[]) => {
    for (let i = 0; i < n; i++) {
      center.observe(obs(i), t);
      t += 1000;
    }
  };
  const settle = () => new Promise((r) => setTimeout(r, 60));
  return { center, store, tick, stuck, settle, advance: (ms: number) => (t += ms) };
}

describe('alert center', () => {
  it('opens one alert after forSec, and resolves it by itself clearSec after the condition clears', async () => {
    const { center, store, tick, stuck, settle } = await rig();
    tick(20, () => [stuck(true)]);
    expect(center.unresolved()).toHaveLength(0); // forSec 20: not yet
    tick(5, () => [stuck(true)]);
    expect(center.unresolved()).toHaveLength(1);
    expect(center.counts()).toEqual({ info: 0, warning: 1, critical: 0 });
    tick(6, () => [stuck(false)]);
    expect(center.unresolved()).toHaveLength(0);
    await settle();
    expect(store.log.map((x) => [x.transition, x.by])).toEqual([
      ['opened', 'auto'],
      ['resolved', 'auto'],
    ]);
  });

  it('a flapping condition opens one alert and counts the flaps', async () => {
    const { center, tick, stuck } = await rig();
    tick(21, () => [stuck(true)]);
    tick(100, (i) => [stuck(i % 2 === 0)]);
    expect(center.stats().opened).toBe(1);
    expect(center.unresolved()[0]!.flaps).toBeGreaterThanOrEqual(49);
  });

  it('acknowledges by a named user with a note; a resolve by hand does not reopen while the condition holds', async () => {
    const { center, store, tick, stuck, settle } = await rig();
    tick(21, () => [stuck(true)]);
    const [a] = center.unresolved();
    const acked = await center.acknowledge({ id: a!.id, note: 'on my way' }, { name: 'op@site' });
    expect(acked).toMatchObject({ state: 'acknowledged', acknowledgedBy: 'op@site', acknowledgeNote: 'on my way' });
    await center.resolve({ id: a!.id }, { name: 'op@site' });
    tick(60, () => [stuck(true)]);
    expect(center.unresolved()).toHaveLength(0);
    tick(1, () => [stuck(false)]);
    tick(21, () => [stuck(true)]);
    expect(center.unresolved()).toHaveLength(1);
    await settle();
    expect(store.log.filter((x) => x.alertId === a!.id).map((x) => `${x.transition}:${x.by}`)).toEqual([
      'opened:auto',
      'acknowledged:op@site',
      'resolved:op@site',
    ]);
    await expect(center.acknowledge({ id: a!.id }, { name: 'x' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(center.acknowledge({ id: crypto.randomUUID() }, { name: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('keeps alerts through a database outage and stores every transition, in order, once it is back', async () => {
    const { center, store, tick, stuck, settle } = await rig();
    store.down = true;
    tick(21, () => [stuck(true)]);
    tick(6, () => [stuck(false)]);
    expect(center.stats()).toMatchObject({ opened: 1, resolved: 1, pendingWrites: 2 });
    store.down = false;
    await settle();
    expect(store.log.map((x) => x.transition)).toEqual(['opened', 'resolved']);
    expect(center.stats().pendingWrites).toBe(0);
  });

  it('drops a write the database refuses for its data, and the writes behind it still land', async () => {
    const { center, store, tick, stuck, settle } = await rig();
    store.refuseNext = true;
    tick(21, () => [stuck(true, 1), stuck(true, 2)]);
    await settle();
    expect(center.stats().opened).toBe(2);
    expect(store.log.map((x) => x.transition)).toEqual(['opened']);
    expect(center.stats().pendingWrites).toBe(0);
  });

  it('after a restart, resumes unresolved alerts instead of opening duplicates', async () => {
    const first = await rig();
    first.tick(21, () => [first.stuck(true)]);
    await first.settle();
    const second = await rig(first.store);
    expect(second.center.unresolved()).toHaveLength(1);
    second.tick(30, () => [second.stuck(true)]);
    expect(second.center.stats().opened).toBe(0);
    expect(second.center.unresolved()).toHaveLength(1);
  });

  it('stores a signed-webhook notification with each notified transition, for the global and the rule URL', async () => {
    const { center, store, tick, stuck, settle } = await rig(memoryStore(), 'http://127.0.0.1:9/all');
    await center.updateRule({ id: 'robot.offline', forSec: 2, webhookUrl: 'http://127.0.0.1:9/stuck' }, { name: 'admin@site' });
    tick(3, () => [stuck(true)]);
    await settle();
    const n = store.changes.flatMap((c) => c.notifications);
    expect(n.map((x) => x.url).sort()).toEqual(['http://127.0.0.1:9/all', 'http://127.0.0.1:9/stuck']);
    expect(n[0]!.body).toMatchObject({ event: 'opened', by: 'auto', rule: { id: 'robot.offline', name: 'Offline' } });
    expect(n[0]!.body.id).toBe(n[0]!.id);
  });

  it('escalates when the severity rises, and a disabled rule resolves its alerts', async () => {
    const { center, tick } = await rig();
    const battery = (severity: 'warning' | 'critical'): AlertObservation => ({
      ruleId: 'robot.battery_low',
      subject: { kind: 'robot', robotId: 3 },
      active: true,
      severity,
    });
    tick(11, () => [battery('warning')]);
    tick(1, () => [battery('critical')]);
    expect(center.unresolved()[0]!.severity).toBe('critical');
    await center.updateRule({ id: 'robot.battery_low', enabled: false }, { name: 'admin@site' });
    expect(center.unresolved()).toHaveLength(0);
    tick(30, () => [battery('critical')]);
    expect(center.unresolved()).toHaveLength(0);
  });

  it('refuses a rule whose critical battery threshold lies above the warning one', async () => {
    const { center } = await rig();
    await expect(center.updateRule({ id: 'robot.battery_low', criticalThreshold: 30 }, { name: 'a' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });
});
