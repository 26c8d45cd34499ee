// Alerts: the center (lifecycle, storage, API), the engine that evaluates the rules over the live state every
// ALERT_EVAL_MS, and the webhook dispatcher that sends the outbox. Composed after the data path and the ledger it
// watches; its health is about the alerting machinery only (fleet trouble is what the alerts themselves say).
import type { Db } from '../../db/client';
import type { AppConfig } from '../config';
import { createAlertOutbox, createAlertStore } from '../adapters/storage/alert-store';
import type { Clock } from '../ports/clock';
import type { CommandLedger } from '../ports/command-ledger';
import type { FleetReader } from '../ports/fleet-reader';
import type { FlowReader } from '../ports/flow-reader';
import type { HealthReport } from '../ports/health';
import type { Logger } from '../ports/logger';
import type { MessageBus } from '../ports/message-bus';
import type { RobotProtocolReader } from '../ports/robot-protocol-reader';
import { createHttpWebhookSender } from '../adapters/webhooks/http-webhook-sender';
import { createAlertEngine } from '../workers/alert-engine';
import { createWebhookDispatcher, type WebhookDispatcherStats } from '../workers/webhook-dispatcher';
import { runWhileLeader } from '../services/cluster/while-leader';
import type { LeaderLease } from '../ports/leader-lease';
import type { AuditTrail } from '../services/identity/audit-trail';
import { createAlertCenter } from '../services/alerts/alert-center';
import { CLUSTER_SUBJECTS, isAlertView, type AlertNotice } from '../domain/cluster/cluster-subjects';
import { newEnvelope } from '../domain/envelope';
import { shutdownStep, type Components, type Module } from './module';

/** The webhook figures of a process that does not lead (another one sends). */
const IDLE_WEBHOOKS: WebhookDispatcherStats = {
  ...{ sent: 0, delivered: 0, failures: 0, gaveUp: 0, storeErrors: 0, lastError: null, lastErrorAt: null },
  ...{ pending: null, failed: null, unrecorded: 0 },
};

/** A write waiting longer than this makes the alerts component degraded. */
const WRITE_LAG_MS = 10_000;

export async function composeAlerts(
  config: AppConfig,
  deps: {
    db: Db;
    clock: Clock;
    logger: Logger;
    audit: AuditTrail;
    bus: MessageBus;
    fleet: FleetReader;
    protocol: Pick<RobotProtocolReader, 'stats'>;
    ledger: Pick<CommandLedger, 'onChange'>;
    flow: FlowReader | null;
    /** The app's /api/health report (built after the modules, so asked for lazily). */
    appHealth: () => Promise<HealthReport>;
    /** Who runs the singletons (composition/lease.ts). */
    lease: LeaderLease;
    /** The liveness worker's offline limit (a silent ONLINE robot counts as offline past it). */
    livenessLimitMs?: number;
    /** With a shared bus (BUS_URL): the untraced bus and this process's NODE_ID, to keep the alerts of every process in step. */
    cluster?: { bus: MessageBus; node: string } | null;
  },
) {
  const { db, clock, logger } = deps;
  const cluster = deps.cluster ?? null;
  const store = createAlertStore(db);
  const outbox = createAlertOutbox(db);
  const sender = createHttpWebhookSender({ secret: config.ALERT_WEBHOOK_SECRET, now: () => clock.now() });
  // One dispatcher across every process on this database: two would both send the same due notifications.
  const webhooks = runWhileLeader(
    deps.lease,
    () => createWebhookDispatcher({ outbox, sender, clock, logger: logger.child({ component: 'webhooks' }) }),
    (err) => logger.error({ err: (err as Error).message }, 'webhook dispatcher failed to start or stop'),
  );
  const webhookStats = () => webhooks.current()?.stats() ?? IDLE_WEBHOOKS;
  const center = await createAlertCenter({
    store,
    outbox,
    clock,
    logger,
    audit: deps.audit,
    webhookUrl: config.ALERT_WEBHOOK_URL ?? null,
    onNotificationsStored: () => webhooks.current()?.wake(),
    relay: cluster
      ? (alert) => {
          const at = clock.now();
          const payload: AlertNotice = { node: cluster.node, alert };
          cluster.bus.publish(
            newEnvelope({ subject: CLUSTER_SUBJECTS.alerts, source: 'alerts:center', producedAt: at, receivedAt: at, payload }),
          );
        }
      : undefined,
  });
  // Every other process's alert changes, taken over here (each stored by the process that made it).
  const relayed = cluster?.bus.subscribe(
    CLUSTER_SUBJECTS.alerts,
    (env) => {
      const n = env.payload as Partial<AlertNotice> | null;
      if (!n || n.node === cluster.node || !isAlertView(n.alert)) return;
      center.applyRemote(n.alert);
    },
    { name: 'alerts:cluster' },
  );
  // The rules are evaluated in one process: with a shared bus, the leader (two would open the same alert twice).
  const startEngine = () =>
    createAlertEngine({
      bus: deps.bus,
      fleet: deps.fleet,
      protocol: deps.protocol,
      commands: deps.ledger,
      flow: deps.flow,
      appHealth: deps.appHealth,
      center,
      clock,
      logger,
      evalMs: config.ALERT_EVAL_MS,
      livenessLimitMs: deps.livenessLimitMs,
    });
  const engine = cluster
    ? runWhileLeader(deps.lease, () => {
        const e = startEngine();
        return { stats: e.stats, stop: async () => e.stop() };
      })
    : (() => {
        const e = startEngine();
        return { current: () => e, stop: async () => e.stop() };
      })();
  const step = shutdownStep(logger);
  const webhooksFailing = () => {
    const h = webhookStats();
    return (h.pending ?? 0) > 0 && h.lastErrorAt !== null && clock.now() - h.lastErrorAt < WRITE_LAG_MS * 6;
  };

  return {
    center,
    engine,
    webhooks,
    health: (): Components => {
      const w = center.writeStats();
      const s = center.stats();
      return {
        alerts: {
          // Transitions held back by the database, or notifications failing to reach their receiver.
          status: (w.pendingWrites > 0 && w.oldestPendingWriteMs > WRITE_LAG_MS) || webhooksFailing() ? 'degraded' : 'ok',
          open: s.open,
          acknowledged: s.acknowledged,
          opened: s.opened,
          resolved: s.resolved,
          flaps: s.flaps,
          refused: s.refused,
          ...w,
          engine: engine.current()?.stats() ?? null,
          webhooks: { ...webhookStats(), running: webhooks.current() !== null },
        },
      };
    },
    async stop() {
      relayed?.unsubscribe();
      await engine.stop();
      await step('alert writes', () => center.stop());
      await step('webhooks', () => webhooks.stop());
    },
  } satisfies Module & Record<string, unknown>;
}

export type AlertsModule = Awaited<ReturnType<typeof composeAlerts>>;
