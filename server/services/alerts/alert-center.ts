// The alert center: turns the engine's verdicts into alerts with a lifecycle (lifecycle.ts), keeps every unresolved
// alert in memory (the truth while the database is away), stores each transition with its webhook notifications in
// one write (alert-writes.ts), and serves the API, the live feed and the metrics. One alert per (rule, subject)
// while it is not resolved; the database's unique index holds the same line after a restart.
import { randomUUID } from 'node:crypto';
import { MAX_OPEN_ALERTS, subjectKey, type AlertCounts, type AlertTransition, type AlertView } from '../../domain/alerts/alert';
import { AlertNotFoundError, AlertResolvedError } from '../../domain/alerts/alert-errors';
import { isIdle, newTracker, stepTracker, type Tracker } from '../../domain/alerts/lifecycle';
import { TIMED_BY_CONDITION, type AlertRule } from '../../domain/alerts/rule-catalogue';
import { UnavailableError } from '../../domain/unavailable';
import type { AlertActor, AlertCenter, AlertObservation } from '../../ports/alert-center';
import type { AlertOutbox, AlertStore, OutboxNotification } from '../../ports/alert-store';
import type { AuditTrail } from '../identity/audit-trail';
import type { Clock } from '../../ports/clock';
import type { Logger } from '../../ports/logger';
import { loadRuleBook } from './alert-rules';
import { createAlertWrites, type AlertWriteOptions } from './alert-writes';
import { alertListing } from './alert-listing';

export interface AlertCenterDeps {
  store: AlertStore;
  outbox: Pick<AlertOutbox, 'recent'>;
  clock: Clock;
  logger: Logger;
  audit?: Pick<AuditTrail, 'record'>;
  /** ALERT_WEBHOOK_URL: every transition is also sent here. */
  webhookUrl?: string | null;
  /** A transition with notifications has been stored (the dispatcher sends at once). */
  onNotificationsStored?: () => void;
  writes?: Partial<AlertWriteOptions>;
  /** A flapping alert's flap count is stored at most this often (it is live in memory and on the feed always). */
  flapWriteEveryMs?: number;
  /** How long a user's acknowledge/resolve waits for its write before answering (it stays queued after). */
  actionWriteWaitMs?: number;
  /** Every change made here (cluster: relayed to the other processes, which applyRemote() it). */
  relay?: (a: AlertView) => void;
}

const NOTIFIED: ReadonlySet<AlertTransition> = new Set(['opened', 'acknowledged', 'resolved', 'escalated']);
const copy = (a: AlertView): AlertView => ({ ...a, detail: { ...a.detail } });
const trackerKey = (ruleId: string, subject: string) => `${ruleId}|${subject}`;

export async function createAlertCenter(deps: AlertCenterDeps) {
  const now = () => deps.clock.now();
  const log = deps.logger.child({ component: 'alerts' });
  const book = await loadRuleBook(deps.store, now);
  const unresolved = new Map<string, AlertView>();
  const trackers = new Map<string, Tracker>();
  for (const a of await deps.store.loadUnresolved()) {
    unresolved.set(a.id, a);
    trackers.set(trackerKey(a.ruleId, a.subject), { ...newTracker(), alertId: a.id });
  }
  const listing = alertListing({ store: deps.store, unresolved: () => unresolved.values() });
  const listeners = new Set<(a: AlertView) => void>();
  const counts = { opened: 0, resolved: 0, flaps: 0, refused: 0 };
  const lastFlapWrite = new Map<string, number>();
  const writes = createAlertWrites({
    store: deps.store,
    logger: log,
    now,
    onLanded: () => deps.onNotificationsStored?.(),
    options: deps.writes,
  });

  const tell = (view: AlertView) => {
    for (const l of listeners) {
      try {
        l(view);
      } catch (err) {
        log.error({ err: (err as Error).message }, 'alert listener failed');
      }
    }
  };
  const emit = (a: AlertView) => {
    const view = copy(a);
    tell(view);
    try {
      deps.relay?.(copy(a));
    } catch (err) {
      log.warn({ err: (err as Error).message }, 'alert change not relayed to the other processes');
    }
  };

  const notifications = (a: AlertView, rule: AlertRule, transition: AlertTransition, at: number, by: string, note: string | null) => {
    if (!NOTIFIED.has(transition)) return [];
    const urls = [...new Set([deps.webhookUrl, rule.webhookUrl].filter((u): u is string => !!u))];
    return urls.map((url): OutboxNotification => {
      const id = randomUUID();
      return { id, url, body: { id, event: transition, at, by, note, rule: { id: rule.id, name: rule.name }, alert: copy(a) } };
    });
  };

  /** Stores the transition (queued; retried through an outage) and tells listeners. */
  const record = (a: AlertView, transition: AlertTransition, by: string, note: string | null, at: number) => {
    a.updatedAt = at;
    emit(a);
    const rule = book.get(a.ruleId);
    const landed = writes.enqueue({
      alert: copy(a),
      transition: { alertId: a.id, transition, at, by, note },
      notifications: notifications(a, rule, transition, at, by, note),
    });
    if (by === 'auto' && transition !== 'flapped') {
      const action = transition === 'opened' ? 'alert.open' : transition === 'escalated' ? 'alert.escalate' : 'alert.resolve';
      deps.audit?.record({
        actor: 'system',
        action,
        target: a.title,
        outcome: 'ok',
        detail: { alertId: a.id, ruleId: a.ruleId, severity: a.severity },
      });
    }
    return landed;
  };

  function open(rule: AlertRule, o: AlertObservation, t: Tracker, at: number) {
    if (unresolved.size >= MAX_OPEN_ALERTS || !writes.hasRoom()) {
      counts.refused++;
      return;
    }
    const a: AlertView = {
      id: randomUUID(),
      ruleId: rule.id,
      severity: o.severity ?? rule.severity,
      subject: subjectKey(o.subject),
      robotId: o.subject.kind === 'robot' ? o.subject.robotId : null,
      title: o.title ?? rule.name,
      detail: o.detail ?? {},
      state: 'open',
      openedAt: at,
      acknowledgedBy: null,
      acknowledgedAt: null,
      acknowledgeNote: null,
      resolvedAt: null,
      resolvedBy: null,
      resolveNote: null,
      flaps: 0,
      active: true,
      traceId: o.traceId ?? null,
      updatedAt: at,
    };
    unresolved.set(a.id, a);
    t.alertId = a.id;
    counts.opened++;
    void record(a, 'opened', 'auto', null, at);
  }

  function close(a: AlertView, by: string, note: string | null, at: number) {
    a.state = 'resolved';
    a.resolvedAt = at;
    a.resolvedBy = by;
    a.resolveNote = note;
    unresolved.delete(a.id);
    lastFlapWrite.delete(a.id);
    listing.resolved(a);
    counts.resolved++;
    return record(a, 'resolved', by, note, at);
  }

  function observeOne(o: AlertObservation, at: number) {
    const rule = book.get(o.ruleId);
    if (!rule?.enabled) return;
    const key = trackerKey(o.ruleId, subjectKey(o.subject));
    let t = trackers.get(key);
    if (!t) {
      if (!o.active) return;
      t = newTracker();
      trackers.set(key, t);
    }
    const a = t.alertId ? (unresolved.get(t.alertId) ?? null) : null;
    if (t.alertId && !a) t.alertId = null; // resolved by hand meanwhile
    const timing = TIMED_BY_CONDITION.has(rule.id) ? { forSec: 0, clearSec: rule.clearSec } : rule;
    const step = stepTracker(t, { active: o.active, severity: o.severity ?? rule.severity }, timing, at, a?.severity ?? null);
    if (step.kind === 'open') open(rule, o, t, at);
    else if (a) {
      if (o.active && o.title) {
        a.title = o.title;
        a.detail = o.detail ?? a.detail;
      }
      if (step.kind === 'resolve') {
        t.alertId = null;
        t.clearSince = null;
        void close(a, 'auto', null, at);
      } else if (step.kind === 'escalate') {
        a.severity = step.severity;
        void record(a, 'escalated', 'auto', null, at);
      } else if (step.kind === 'flap') {
        a.flaps++;
        a.active = true;
        counts.flaps++;
        const every = deps.flapWriteEveryMs ?? 60_000;
        if (at - (lastFlapWrite.get(a.id) ?? -Infinity) >= every) {
          lastFlapWrite.set(a.id, at);
          void record(a, 'flapped', 'auto', null, at);
        } else emit(a);
      } else if (a.active !== o.active) {
        a.active = o.active;
        emit(a);
      }
    }
    if (isIdle(t)) trackers.delete(key);
  }

  /** A user's action waits a moment for its write; past that it stays queued and the answer comes anyway. */
  const settle = async (landed: Promise<void> | null) => {
    if (!landed) throw new UnavailableError('Alert changes are waiting for the database; try again shortly.');
    await Promise.race([landed, new Promise((r) => setTimeout(r, deps.actionWriteWaitMs ?? 3_000).unref())]);
  };

  async function unresolvedOrThrow(id: string): Promise<AlertView> {
    const a = unresolved.get(id);
    if (a) return a;
    if (await listing.byId(id)) throw new AlertResolvedError(id);
    throw new AlertNotFoundError(id);
  }

  const center: AlertCenter = {
    observe(observations, at) {
      for (const o of observations) observeOne(o, at);
    },
    rules: () => book.all(),
    rule: (id) => book.get(id),
    async updateRule(input, by: AlertActor) {
      const { before, after } = await book.update(input, by.name);
      if (before.enabled && !after.enabled) {
        const at = now();
        for (const a of [...unresolved.values()]) if (a.ruleId === after.id) void close(a, 'auto', `rule disabled by ${by.name}`, at);
        for (const key of [...trackers.keys()]) if (key.startsWith(`${after.id}|`)) trackers.delete(key);
      }
      return after;
    },
    list: (input) => listing.list(input),
    async byId(id) {
      const a = await listing.byId(id);
      if (!a) throw new AlertNotFoundError(id);
      return a;
    },
    async acknowledge(input, by) {
      const a = await unresolvedOrThrow(input.id);
      if (a.state === 'acknowledged') return copy(a); // the first acknowledgement stands
      const at = now();
      a.state = 'acknowledged';
      a.acknowledgedBy = by.name;
      a.acknowledgedAt = at;
      a.acknowledgeNote = input.note || null;
      await settle(record(a, 'acknowledged', by.name, a.acknowledgeNote, at));
      return copy(a);
    },
    async resolve(input, by) {
      const a = await unresolvedOrThrow(input.id);
      const t = trackers.get(trackerKey(a.ruleId, a.subject));
      if (t) {
        t.alertId = null;
        t.clearSince = null;
        t.suppressed = t.activeSince !== null; // still holding: no new alert until it clears once
        if (isIdle(t)) trackers.delete(trackerKey(a.ruleId, a.subject));
      }
      await settle(close(a, by.name, input.note || null, now()));
      return copy(a);
    },
    counts() {
      const c: AlertCounts = { info: 0, warning: 0, critical: 0 };
      for (const a of unresolved.values()) c[a.severity]++;
      return c;
    },
    unresolved: () => [...unresolved.values()].map(copy),
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    deliveries: (limit) => deps.outbox.recent(limit),
    applyRemote(a) {
      // Another process changed this alert and stored it: this one takes its view (not written again here). A
      // tracker keeps pointing at an unresolved one, so if this process starts evaluating (it became the leader) it
      // carries the alert on instead of opening a second one.
      const key = trackerKey(a.ruleId, a.subject);
      if (a.state === 'resolved') {
        if (!unresolved.delete(a.id)) return tell(copy(a));
        lastFlapWrite.delete(a.id);
        listing.resolved(a);
        const t = trackers.get(key);
        if (t?.alertId === a.id) {
          t.alertId = null;
          t.clearSince = null;
          t.suppressed = t.activeSince !== null;
          if (isIdle(t)) trackers.delete(key);
        }
      } else {
        if (!unresolved.has(a.id) && unresolved.size >= MAX_OPEN_ALERTS) return;
        unresolved.set(a.id, copy(a));
        const t = trackers.get(key);
        if (!t) trackers.set(key, { ...newTracker(), alertId: a.id });
        else t.alertId = a.id;
      }
      tell(copy(a));
    },
    stats() {
      let acknowledged = 0;
      for (const a of unresolved.values()) if (a.state === 'acknowledged') acknowledged++;
      const w = writes.stats();
      return {
        open: unresolved.size - acknowledged,
        acknowledged,
        ...counts,
        pendingWrites: w.pendingWrites,
        writeFailures: w.writeFailures,
      };
    },
  };
  return {
    ...center,
    writeStats: () => writes.stats(),
    trackers: () => trackers.size,
    stop: () => writes.stop(),
  };
}

export type AlertCenterService = Awaited<ReturnType<typeof createAlertCenter>>;
