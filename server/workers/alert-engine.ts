// The alert engine: every ALERT_EVAL_MS it judges each enabled rule on each robot the fleet reader lists and on the
// app itself, and hands the center all of that evaluation's verdicts in one observe() call; the center applies
// durations, hysteresis and the lifecycle. Robot facts come from the live state in memory (never the database,
// never the visualization stream); the app's from a health/flow poll every few seconds. A condition that throws
// is counted and logged (throttled) and the rest of the evaluation goes on.
import { APP_SUBJECT_KEYS, edgeUnhealthy } from '../domain/alerts/app-conditions';
import {
  APP_CONDITIONS,
  APP_SUBJECT_OF,
  EDGE_RULE,
  isAppRule,
  isRobotRule,
  ROBOT_CONDITIONS,
  type RobotRuleId,
} from '../domain/alerts/rule-conditions';
import type { AlertSubject } from '../domain/alerts/alert';
import type { RobotFacts } from '../domain/alerts/robot-facts';
import type { AlertRule } from '../domain/alerts/rule-catalogue';
import { thresholdOf, type Verdict } from '../domain/alerts/verdict';
import type { AlertCenter, AlertObservation } from '../ports/alert-center';
import type { Clock } from '../ports/clock';
import type { CommandLedger } from '../ports/command-ledger';
import type { FleetReader } from '../ports/fleet-reader';
import type { FlowReader } from '../ports/flow-reader';
import type { HealthReport } from '../ports/health';
import type { Logger } from '../ports/logger';
import type { MessageBus } from '../ports/message-bus';
import type { RobotProtocolReader } from '../ports/robot-protocol-reader';
import { createAppWatch } from './alert-app-watch';
import { createRobotTracking } from './alert-robot-tracking';

export interface AlertEngineDeps {
  bus: MessageBus;
  fleet: FleetReader;
  protocol: Pick<RobotProtocolReader, 'stats'>;
  /** The command ledger's change feed; null where the ledger does not run (command.failed then stays silent). */
  commands: Pick<CommandLedger, 'onChange'> | null;
  /** Null when data-flow tracing is off (app.flow_edge_unhealthy then stays silent). */
  flow: Pick<FlowReader, 'graph' | 'recentThrough'> | null;
  /** The app's health report (composeHealth); null to leave the app's rules silent. */
  appHealth: (() => Promise<HealthReport>) | null;
  center: Pick<AlertCenter, 'rules' | 'observe'>;
  clock: Clock;
  logger: Logger;
  /** ALERT_EVAL_MS. */
  evalMs?: number;
  /** The app's health and flow graph are polled at most this often. */
  appPollMs?: number;
  /** Silence past which an ONLINE robot counts as offline (the liveness worker's DEFAULT_OFFLINE_AFTER_MS). */
  livenessLimitMs?: number;
  /** False: no timer (tests call evaluateOnce). */
  timer?: boolean;
}

export interface AlertEngineStats {
  ticks: number;
  lastTickMs: number;
  robotsTracked: number;
  /** Observations passed to the center at the last evaluation. */
  lastObservations: number;
  evaluationErrors: number;
  appPolls: number;
  appPollFailures: number;
}

export interface AlertEngine {
  /** One evaluation at `now` (the timer calls it; tests may too). */
  evaluateOnce(now: number): void;
  /** Polls the app's health and flow graph now (the timer does when due); resolves when the answer is in. */
  refreshApp(): Promise<void>;
  stats(): AlertEngineStats;
  stop(): void;
}

const ERROR_LOG_EVERY_MS = 60_000;

export function createAlertEngine(deps: AlertEngineDeps): AlertEngine {
  const log = deps.logger.child({ component: 'worker:alert-engine' });
  const evalMs = deps.evalMs ?? 1000;
  const appPollMs = Math.max(evalMs, deps.appPollMs ?? 5000);
  const livenessLimitMs = deps.livenessLimitMs ?? 30_000;
  const counts = { ticks: 0, lastTickMs: 0, lastObservations: 0, evaluationErrors: 0 };
  let unloggedErrors = 0;
  let lastErrorLogAt = -Infinity;

  const failed = (what: string, err: unknown) => {
    unloggedErrors++;
    const now = deps.clock.now();
    if (now - lastErrorLogAt < ERROR_LOG_EVERY_MS) return;
    log.error({ err: err instanceof Error ? err.message : String(err), what, errors: unloggedErrors }, 'alert evaluation failed');
    lastErrorLogAt = now;
    unloggedErrors = 0;
  };
  const tracking = createRobotTracking(deps);
  const app = createAppWatch({ appHealth: deps.appHealth, flow: deps.flow, now: () => deps.clock.now(), onError: failed });
  /** Subjects judged at the previous evaluation: one that disappears gets a last `clear`, so its alert resolves. */
  let robotsBefore = new Set<number>();
  let edgesBefore = new Set<string>();

  const judge = (rule: AlertRule, subject: AlertSubject, out: AlertObservation[], verdict: () => Verdict | null) => {
    try {
      const v = verdict(); // null: unknown, so no verdict (the center keeps what it has)
      if (v?.active) out.push({ ruleId: rule.id, subject, ...v, traceId: v.traceId ?? null });
      else if (v) out.push({ ruleId: rule.id, subject, active: false });
    } catch (err) {
      counts.evaluationErrors++;
      failed(rule.id, err);
    }
  };

  const evaluateRobots = (rules: AlertRule[], all: AlertRule[], now: number, out: AlertObservation[]) => {
    const robotRules = rules.filter((r) => isRobotRule(r.id)) as (AlertRule & { id: RobotRuleId })[];
    const chargeRule = all.find((r) => r.id === 'robot.charging_no_gain');
    const o = { chargeGainPct: chargeRule ? thresholdOf(chargeRule) : 1, livenessLimitMs };
    const live = new Set<number>();
    for (const r of deps.fleet.list()) {
      live.add(r.id);
      const subject: AlertSubject = { kind: 'robot', robotId: r.id };
      let facts: RobotFacts;
      try {
        facts = tracking.facts(r, now, o);
      } catch (err) {
        counts.evaluationErrors++;
        failed('robot facts', err); // a reader that throws for one robot must not cost the others their verdicts
        continue;
      }
      for (const rule of robotRules) judge(rule, subject, out, () => ROBOT_CONDITIONS[rule.id](rule, facts, now));
    }
    for (const id of robotsBefore) {
      if (live.has(id)) continue;
      for (const rule of robotRules) out.push({ ruleId: rule.id, subject: { kind: 'robot', robotId: id }, active: false });
    }
    robotsBefore = live;
    tracking.prune(live);
  };

  const evaluateApp = (rules: AlertRule[], out: AlertObservation[]) => {
    const facts = app.facts();
    for (const rule of rules) {
      if (isAppRule(rule.id)) {
        const id = rule.id;
        judge(rule, { kind: 'app', key: APP_SUBJECT_OF[id] }, out, () => APP_CONDITIONS[id](rule, facts));
      }
    }
    const edgeRule = rules.find((r) => r.id === EDGE_RULE);
    const edges = app.edges();
    if (!edgeRule || !edges) return;
    const seen = new Set<string>();
    for (const e of edges) {
      const key = APP_SUBJECT_KEYS.edge(e.source, e.target);
      seen.add(key);
      judge(edgeRule, { kind: 'app', key }, out, () => {
        const v = edgeUnhealthy(edgeRule, e);
        return v.active ? { ...v, traceId: app.traceOf(e) } : v;
      });
    }
    for (const key of edgesBefore) if (!seen.has(key)) out.push({ ruleId: EDGE_RULE, subject: { kind: 'app', key }, active: false });
    edgesBefore = seen;
  };

  const evaluateOnce = (now: number) => {
    const t0 = performance.now();
    const out: AlertObservation[] = [];
    try {
      const all = deps.center.rules();
      const enabled = all.filter((r) => r.enabled);
      evaluateRobots(enabled, all, now, out);
      evaluateApp(enabled, out);
      deps.center.observe(out, now);
    } catch (err) {
      counts.evaluationErrors++;
      failed('evaluation', err);
    }
    counts.ticks++;
    counts.lastObservations = out.length;
    counts.lastTickMs = Math.round((performance.now() - t0) * 100) / 100;
  };

  const timer =
    deps.timer === false
      ? null
      : setInterval(() => {
          const now = deps.clock.now();
          app.pollIfDue(now, appPollMs);
          evaluateOnce(now);
        }, evalMs);
  timer?.unref();

  return {
    evaluateOnce,
    refreshApp: () => app.refresh(),
    stats: () => ({ ...counts, robotsTracked: tracking.size(), appPolls: app.stats().polls, appPollFailures: app.stats().failures }),
    stop() {
      if (timer) clearInterval(timer);
      tracking.stop();
    },
  };
}
