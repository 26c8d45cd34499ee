// Sends queued commands to robots and follows them to a final status. A command is marked `dispatched` (with its
// wire message) BEFORE it is published, so after a crash it is resent with the same ids rather than lost; the
// robot ignores a repeated actionId/orderId, so a resend never runs it twice. Progress comes from the robot's
// state (robot.action / robot.order) and from the commander's delivery outcome (resent until reflected). A change
// nobody saw (a robot that finished while the app was down) is caught by reconciling each robot's latest state
// against its commands in flight on every pass (command-reconcile.ts).
import type { CommandRecord } from '../../db/queries/commands';
import { createLateMessageGuard } from '../domain/late-message-guard';
import type { CommandStatus } from '../domain/commands/command';
import { CommandPlanError, factsheetRefusal, planCommand, type WireMessage } from '../domain/commands/command-plan';
import { ACTION_STATUS, verdictFromState } from '../domain/commands/command-reconcile';
import { expiryReason } from '../domain/commands/expiry-reason';
import { pathTo } from '../domain/commands/state-machine';
import type { Envelope } from '../domain/envelope';
import type { RoutePlanner } from '../domain/route-planner';
import type { FactsheetSummary } from '../domain/vda5050/factsheet-summary';
import {
  PROTOCOL_SUBJECTS,
  type DeliveryOutcome,
  type RobotActionTransition,
  type RobotOrderEvent,
} from '../domain/vda5050/protocol-events';
import type { StateMessage } from '../domain/vda5050/messages';
import { SUBJECTS, type RobotTelemetry } from '../domain/telemetry';
import type { Logger } from '../ports/logger';
import type { Clock } from '../ports/clock';
import type { MessageBus } from '../ports/message-bus';
import type { RobotCommander, Sent, TracedCommander } from '../ports/robot-commander';
import type { FleetReader } from '../ports/fleet-reader';
import { writeErrorText, type AdvanceOptions, type CommandBook } from '../services/command-book';
import { COMMAND_NODES, type CommandTracing } from '../services/command-tracing';
import { isDispatchable } from './command-readiness';

export interface DispatcherOptions {
  tickMs: number;
  /** An acknowledged instant action with no final status after this long is timed out. */
  instantDoneMs: number;
  /** The same for orders (go-to, charge), which take as long as the drive. */
  orderDoneMs: number;
  /** A command in flight at a restart is resent when its robot is back; it times out if the robot stays away this long. */
  resumeDeadlineMs: number;
  /** Latest robot states kept for reconciling (one per robot; beyond this the least recently heard is dropped). */
  maxRobotStates: number;
}

export const DEFAULT_DISPATCHER: DispatcherOptions = {
  tickMs: 200,
  instantDoneMs: 60_000,
  orderDoneMs: 15 * 60_000,
  resumeDeadlineMs: 30_000,
  maxRobotStates: 20_000,
};

export interface DispatcherDeps {
  book: CommandBook;
  bus: MessageBus;
  /** With `withTrace`, the MQTT publish and the robot's acknowledgement join the command's trace. */
  commander: RobotCommander & Partial<Pick<TracedCommander, 'withTrace'>>;
  tracing?: CommandTracing;
  fleet: FleetReader;
  factsheets: { get(robotId: number): FactsheetSummary | undefined };
  planner: RoutePlanner;
  clock: Clock;
  logger: Logger;
  options?: Partial<DispatcherOptions>;
}

export function createCommandDispatcher(deps: DispatcherDeps) {
  const o: DispatcherOptions = { ...DEFAULT_DISPATCHER, ...deps.options };
  const log = deps.logger.child({ component: 'command-dispatcher' });
  const { book } = deps;
  /** In flight at the last restart: resend once the robot is online again (value: when resumed). */
  const resend = new Map<string, number>();
  const sending = new Set<string>();
  /** Why the last send of a queued command failed (for its expiry reason). At most one per open command. */
  const sendErrors = new Map<string, string>();
  /** The latest state of each robot (least recently heard dropped past the cap), for the reconciling pass. */
  const latest = new Map<number, StateMessage>();
  const lateStates = createLateMessageGuard(o.maxRobotStates);
  const counts = { dispatched: 0, resent: 0, expired: 0, timedOut: 0, reconciled: 0, reportFailures: 0 };
  /** When this run took over the ledger, and the last activity recorded before it (for expiry reasons). */
  let startedAt = deps.clock.now();
  let lastActivityAt: number | null = null;
  let timer: NodeJS.Timeout | null = null;
  let pumping: Promise<void> | null = null;
  let again = false;

  /** A status change nobody waits for: failures are logged and counted, never left unhandled. */
  function report(id: string, target: CommandStatus, opts: AdvanceOptions): void {
    book.advance(id, target, opts).catch((err: Error) => {
      counts.reportFailures++;
      log.warn({ id, target, err: writeErrorText(err) }, 'command status change not written');
    });
  }

  async function send(c: CommandRecord, wire: WireMessage): Promise<void> {
    const go = (): Promise<Sent<unknown>> =>
      wire.topic === 'order' ? deps.commander.sendOrder(c.robotId, wire.order) : deps.commander.sendInstantActions(c.robotId, wire.actions);
    const ctx = deps.tracing?.ctx(c);
    const sent = await (ctx && deps.commander.withTrace ? deps.commander.withTrace(ctx, go) : go());
    void sent.delivery
      .then((d) => onDelivery(c.id, d))
      .catch((err: Error) => log.error({ id: c.id, err: writeErrorText(err) }, 'delivery outcome not handled'));
  }

  async function dispatch(c: CommandRecord): Promise<void> {
    const robot = deps.fleet.get(c.robotId);
    if (!robot) return;
    // The factsheet may have arrived after the command was queued.
    const refusal = factsheetRefusal(deps.factsheets.get(c.robotId), c.type);
    if (refusal)
      return void (await book.advance(c.id, 'rejected', { onlyFrom: ['queued'], outcome: refusal, detail: refusal, durable: false }));
    let wire: WireMessage;
    try {
      wire =
        (c.wire as WireMessage | null) ?? planCommand({ commandId: c.id, type: c.type, params: c.params, robot, planner: deps.planner });
    } catch (err) {
      if (!(err instanceof CommandPlanError)) throw err;
      return void (await book.advance(c.id, 'rejected', {
        onlyFrom: ['queued'],
        outcome: err.message,
        detail: err.message,
        durable: false,
      }));
    }
    const t0 = deps.tracing?.now() ?? 0;
    // Not durable: until this lands the command is not sent; a failed write leaves it queued for the next pass.
    const d = await book.advance(c.id, 'dispatched', {
      onlyFrom: ['queued'],
      wire,
      attempts: 1,
      detail: `sent as ${wire.topic}`,
      durable: false,
    });
    if (d?.status !== 'dispatched') return;
    sendErrors.delete(c.id);
    deps.tracing?.hop(d, COMMAND_NODES.dispatcher, 'dispatcher.dispatch', t0, 'ok', `${wire.topic} to robot ${robot.name}`);
    counts.dispatched++;
    try {
      await send(d, wire);
    } catch (err) {
      const why = `not sent: ${(err as Error).message}`;
      report(c.id, 'failed', { onlyFrom: ['dispatched'], outcome: why, detail: why });
    }
  }

  async function resendResumed(c: CommandRecord): Promise<void> {
    resend.delete(c.id);
    counts.resent++;
    try {
      await send(c, c.wire as WireMessage);
    } catch (err) {
      const why = `not resent after restart: ${(err as Error).message}`;
      report(c.id, 'failed', { onlyFrom: ['dispatched'], outcome: why, detail: why });
    }
  }

  async function onDelivery(id: string, d: DeliveryOutcome): Promise<void> {
    const secs = ((d.settledAt - d.firstSentAt) / 1000).toFixed(1);
    if (d.status === 'acknowledged')
      await book.advance(id, 'acknowledged', {
        attempts: d.attempts,
        detail: `reflected in the robot's state after ${d.attempts} send(s)`,
      });
    else if (d.status === 'not_acknowledged') {
      const why = `no acknowledgement from the robot after ${d.attempts} sends over ${secs} s`;
      const r = await book.advance(id, 'timed_out', { onlyFrom: ['dispatched'], attempts: d.attempts, outcome: why, detail: why });
      if (r?.status === 'timed_out') counts.timedOut++;
    } else if (d.status === 'superseded') {
      const why = 'superseded by a newer order to the same robot before it was acknowledged';
      await book.advance(id, 'cancelled', { onlyFrom: ['dispatched'], attempts: d.attempts, outcome: why, detail: why });
    }
  }

  function onAction(env: Envelope): void {
    const t = env.payload as RobotActionTransition;
    const c = book.get(t.actionId);
    if (!c || c.robotId !== t.robotId) return;
    const target = ACTION_STATUS[t.to];
    const said = `robot reported ${t.actionType ?? 'action'} ${t.to}${t.resultDescription ? `: ${t.resultDescription}` : ''}`;
    report(c.id, target, { detail: said, outcome: target === 'failed' ? said : null });
  }

  function onOrder(env: Envelope): void {
    const e = env.payload as RobotOrderEvent;
    if (e.kind === 'accepted') {
      // Another order on the robot ends ours: the robot has dropped it.
      for (const c of book.open()) {
        if (c.robotId === e.robotId && c.orderId && c.orderId !== e.orderId && (c.status === 'acknowledged' || c.status === 'running')) {
          const why = `replaced on the robot by order ${e.orderId}`;
          report(c.id, 'cancelled', { outcome: why, detail: why });
        }
      }
    }
    const c = book.get(e.orderId);
    if (!c || c.orderId !== e.orderId || c.robotId !== e.robotId) return;
    switch (e.kind) {
      case 'accepted':
        return report(c.id, 'acknowledged', { detail: `robot accepted order (${e.nodes} nodes)` });
      case 'node_reached':
        return report(c.id, 'running', { detail: `reached node ${e.nodeId}` });
      case 'completed':
        // A charge command ends with its startCharging action (onAction); a go-to with the last node.
        return report(c.id, c.type === 'charge' ? 'running' : 'succeeded', { detail: `order completed at node ${e.lastNodeId}` });
      case 'cancelled':
        return report(c.id, 'cancelled', {
          outcome: 'order cancelled on the robot (cancelOrder)',
          detail: `cancelled by action ${e.cancelActionId}`,
        });
      case 'error': {
        const why = `robot refused or aborted the order: ${e.errorType}${e.description ? ` — ${e.description}` : ''}`;
        return report(c.id, 'failed', { outcome: why, detail: why });
      }
      case 'error_cleared':
        return;
    }
  }

  /** Moves a command in flight to what its robot's latest state shows, if the change events were missed. */
  function reconcile(c: CommandRecord): void {
    const s = latest.get(c.robotId);
    if (!s || book.pending(c.id)) return;
    const v = verdictFromState(c, s);
    if (!v || !pathTo(c.status, v.target)?.length) return;
    counts.reconciled++;
    log.info({ id: c.id, from: c.status, to: v.target }, "command reconciled with the robot's latest state");
    report(c.id, v.target, { detail: v.detail, outcome: v.outcome });
  }

  /** A sweeper's decision: not durable (if the database refuses it, the next pass decides again). */
  function decide(c: CommandRecord, target: CommandStatus, why: string, onlyFrom?: CommandStatus[], onDone?: () => void): void {
    book
      .advance(c.id, target, { onlyFrom, outcome: why, detail: why, durable: false })
      .then((r) => r?.status === target && onDone?.())
      .catch((err: Error) => log.warn({ id: c.id, target, err: writeErrorText(err) }, 'sweep not written; will decide again'));
  }

  async function pumpOnce(): Promise<void> {
    const now = deps.clock.now();
    const byRobot = new Map<number, CommandRecord[]>();
    for (const c of book.open()) {
      // A status change still waiting for the database is the truth: nothing here decides over it.
      if (book.pending(c.id)) continue;
      if (c.status === 'queued') {
        if (now > c.issuedAt + c.ttlMs) {
          const why = expiryReason({
            ttlMs: c.ttlMs,
            deadline: c.issuedAt + c.ttlMs,
            startedAt,
            lastActivityAt,
            robotId: c.robotId,
            robot: deps.fleet.get(c.robotId),
            lastSendError: sendErrors.get(c.id) ?? null,
          });
          decide(c, 'expired', why, ['queued'], () => counts.expired++);
        } else if (isDispatchable(deps.fleet.get(c.robotId)) && !sending.has(c.id)) {
          byRobot.set(c.robotId, [...(byRobot.get(c.robotId) ?? []), c]);
        }
        continue;
      }
      reconcile(c);
      const resumedAt = resend.get(c.id);
      if (resumedAt !== undefined && c.status !== 'dispatched') resend.delete(c.id);
      else if (resumedAt !== undefined) {
        if (isDispatchable(deps.fleet.get(c.robotId))) void resendResumed(c);
        else if (now - resumedAt > o.resumeDeadlineMs) {
          resend.delete(c.id);
          decide(c, 'timed_out', `robot did not come back within ${o.resumeDeadlineMs / 1000} s of a restart to acknowledge it`, [
            'dispatched',
          ]);
        }
        continue;
      }
      const since = c.acknowledgedAt;
      const limit = c.orderId ? o.orderDoneMs : o.instantDoneMs;
      if ((c.status === 'acknowledged' || c.status === 'running') && since !== null && now - since > limit) {
        decide(
          c,
          'timed_out',
          `acknowledged, but the robot reported no final status within ${limit / 1000} s`,
          ['acknowledged', 'running'],
          () => counts.timedOut++,
        );
      }
    }
    // Forget what no open command needs any more (these maps stay within the open commands).
    for (const id of sendErrors.keys()) if (book.get(id)?.status !== 'queued') sendErrors.delete(id);
    for (const id of resend.keys()) if (!book.get(id)) resend.delete(id);
    // Per robot in priority then issue order (stop-all first); robots in parallel.
    await Promise.all(
      [...byRobot.values()].map(async (list) => {
        list.sort((a, b) => b.priority - a.priority || a.seq - b.seq);
        for (const c of list) {
          sending.add(c.id);
          try {
            await dispatch(c);
          } catch (err) {
            const msg = writeErrorText(err);
            sendErrors.set(c.id, msg);
            log.error({ id: c.id, err: msg }, 'dispatch failed; will retry');
          } finally {
            sending.delete(c.id);
          }
        }
      }),
    );
  }

  /** Runs a pass now (or right after the current one): new commands do not wait for the tick. */
  function pump(): Promise<void> {
    if (pumping) {
      again = true;
      return pumping;
    }
    pumping = (async () => {
      do {
        again = false;
        await pumpOnce();
      } while (again);
    })().finally(() => (pumping = null));
    return pumping;
  }

  function onState(env: Envelope): void {
    const t = env.payload as RobotTelemetry;
    if (t.topic !== 'state') return;
    // A state retried late after a bus outage would reconcile a command against the robot's past.
    if (!lateStates.admit(t.robotId, env.receivedAt)) return;
    latest.delete(t.robotId);
    latest.set(t.robotId, t.message);
    if (latest.size > o.maxRobotStates) latest.delete(latest.keys().next().value!);
  }

  const subs = [
    deps.bus.subscribe(PROTOCOL_SUBJECTS.action, onAction, { name: 'command-dispatcher' }),
    deps.bus.subscribe(PROTOCOL_SUBJECTS.order, onOrder, { name: 'command-dispatcher' }),
    deps.bus.subscribe(SUBJECTS.state, onState, { name: 'command-dispatcher' }),
  ];

  return {
    /**
     * Takes over the open commands found at start: queued ones wait as before, in-flight ones are resent, and each
     * is reconciled with its robot's first state. Call it before the gateway delivers any robot message.
     * `lastActivityAt`: the last activity recorded before this run (see lastRecordedActivity), for expiry reasons.
     */
    resume(open: CommandRecord[], at: { lastActivityAt?: number | null } = {}) {
      startedAt = deps.clock.now();
      lastActivityAt = at.lastActivityAt ?? null;
      for (const c of open) {
        book.add(c);
        if (c.status === 'dispatched' && c.wire) resend.set(c.id, deps.clock.now());
      }
      if (open.length > 0) log.info({ open: open.length, resending: resend.size }, 'resumed open commands from the ledger');
    },
    /**
     * Takes over open commands another process followed until it went (cluster: the leader adopts them): like
     * resume, in-flight ones are resent with their ids (a robot ignores a repeat) and each is reconciled with its
     * robot's state, but without restarting this dispatcher's own clock.
     */
    adopt(open: CommandRecord[]) {
      for (const c of open) {
        if (book.get(c.id)) continue;
        book.add(c);
        if (c.status === 'dispatched' && c.wire) resend.set(c.id, deps.clock.now());
      }
      if (open.length > 0) log.info({ adopted: open.length }, 'adopted the open commands of a process that is gone');
      void pump().catch((err: Error) => log.error({ err: err.message }, 'dispatch pass failed'));
    },
    start() {
      timer = setInterval(() => void pump().catch((err: Error) => log.error({ err: err.message }, 'dispatch pass failed')), o.tickMs);
      timer.unref();
    },
    pump,
    stats: () => ({ ...counts, awaitingResend: resend.size, robotStatesKept: latest.size, lateStates: lateStates.late() }),
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      for (const s of subs) s.unsubscribe();
      await pumping?.catch(() => undefined);
      // Reports still waiting for the database get a short while to land.
      await book.stop();
    },
  };
}

export type CommandDispatcher = ReturnType<typeof createCommandDispatcher>;
