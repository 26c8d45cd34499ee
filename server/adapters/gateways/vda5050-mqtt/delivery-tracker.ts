// Orders and instant actions go out at QoS 0 (as the spec asks), so any of them may be lost. Each sent message
// is resent with back-off until the robot's state reflects it (its actionIds in actionStates, or its
// orderId/orderUpdateId in state, or an error that references it), then its outcome goes on the bus.
// While the link to the broker is down no resend can reach anyone: the schedule pauses (no send, none counted)
// and resumes with a resend as soon as the link is back, so an outage does not use up the budget.
import { newEnvelope, type Envelope } from '../../../domain/envelope';
import { SUBJECTS, type RobotTelemetry } from '../../../domain/telemetry';
import type { MasterTopic, StateMessage } from '../../../domain/vda5050/messages';
import { PROTOCOL_SUBJECTS, type DeliveryOutcome, type DeliveryStatus } from '../../../domain/vda5050/protocol-events';
import type { Clock } from '../../../ports/clock';
import type { MessageBus } from '../../../ports/message-bus';

export interface RetryPolicy {
  /** Sends in total, the first included. */
  attempts: number;
  /** Wait after the first send; each further wait is `factor` times longer, up to `maxDelayMs` (300 → 600 → 1200 → 1500 …). */
  firstDelayMs: number;
  factor: number;
  maxDelayMs: number;
}

/**
 * 12 sends over about 15.6 s. With 30% of messages lost each way, one attempt fails about half the time
 * (the message or the state reflecting it is lost), so 12 attempts leave a 3-in-10,000 chance of a false time-out.
 */
export const DEFAULT_RETRY: RetryPolicy = { attempts: 12, firstDelayMs: 300, factor: 2, maxDelayMs: 1500 };

/** The MQTT link the messages go out on. */
export interface DeliveryLink {
  connected(): boolean;
  /** Calls `listener` on every (re)connection; returns the unsubscribe. */
  onConnect(listener: () => void): () => void;
}

export interface TrackInput {
  robotId: number;
  topic: MasterTopic;
  orderId?: string;
  orderUpdateId?: number;
  actionIds: string[];
  firstHeaderId: number;
  /** Publishes the message again with a fresh header; returns its headerId. */
  resend(): number;
}

interface Pending extends TrackInput {
  attempts: number;
  headerIds: number[];
  firstSentAt: number;
  timer: NodeJS.Timeout | null;
  /** Waiting for the link to come back (its schedule stopped). */
  paused: boolean;
  resolve(o: DeliveryOutcome): void;
}

export interface DeliveryTrackerDeps {
  bus: MessageBus;
  clock: Clock;
  retry?: Partial<RetryPolicy>;
  /** Without it the link counts as always up. */
  link?: DeliveryLink;
  onResendError?(err: unknown, p: TrackInput): void;
}

export function createDeliveryTracker(deps: DeliveryTrackerDeps) {
  const retry: RetryPolicy = { ...DEFAULT_RETRY, ...deps.retry };
  const byRobot = new Map<number, Set<Pending>>();
  const counts = { resent: 0, acknowledged: 0, notAcknowledged: 0, pausedByOutage: 0 };

  const settle = (p: Pending, status: DeliveryStatus) => {
    if (p.timer) clearTimeout(p.timer);
    p.timer = null;
    p.paused = false;
    const set = byRobot.get(p.robotId);
    if (!set?.delete(p)) return;
    if (set.size === 0) byRobot.delete(p.robotId);
    if (status === 'acknowledged') counts.acknowledged++;
    if (status === 'not_acknowledged') counts.notAcknowledged++;
    const now = deps.clock.now();
    const outcome: DeliveryOutcome = {
      robotId: p.robotId,
      topic: p.topic,
      status,
      attempts: p.attempts,
      headerIds: [...p.headerIds],
      orderId: p.orderId ?? null,
      orderUpdateId: p.orderUpdateId ?? null,
      actionIds: p.actionIds,
      firstSentAt: p.firstSentAt,
      settledAt: now,
    };
    p.resolve(outcome);
    try {
      deps.bus.publish(
        newEnvelope({
          subject: PROTOCOL_SUBJECTS.delivery,
          source: 'gateway:vda5050-mqtt',
          producedAt: now,
          receivedAt: now,
          payload: outcome,
        }),
      );
    } catch {
      // The bus closes after the gateway at shutdown; the promise above already carries the outcome.
    }
  };

  /** A wait is over: resend (or give up when the budget is spent), unless the link is down (then pause). */
  const due = (p: Pending) => {
    p.timer = null;
    if (deps.link && !deps.link.connected()) {
      p.paused = true;
      counts.pausedByOutage++;
      return;
    }
    if (p.attempts >= retry.attempts) return settle(p, 'not_acknowledged');
    // A failed resend counts as an attempt all the same, so the budget stays bounded.
    p.attempts++;
    try {
      p.headerIds.push(p.resend());
      counts.resent++;
    } catch (err) {
      deps.onResendError?.(err, p);
    }
    schedule(p);
  };

  const schedule = (p: Pending) => {
    const wait = Math.min(retry.maxDelayMs, retry.firstDelayMs * retry.factor ** (p.attempts - 1));
    p.timer = setTimeout(() => due(p), wait);
    p.timer.unref();
  };

  /** The link is back: resend what was paused at once; with the budget spent, give the robot one more wait. */
  const resumePaused = () => {
    for (const set of [...byRobot.values()])
      for (const p of [...set]) {
        if (!p.paused) continue;
        p.paused = false;
        if (p.attempts < retry.attempts) due(p);
        else schedule(p);
      }
  };
  const offConnect = deps.link?.onConnect(resumePaused);

  const reflects = (p: Pending, s: StateMessage): boolean => {
    const referenced = s.errors.some((e) =>
      (e.errorReferences ?? []).some(
        (r) =>
          (r.referenceKey === 'orderId' && r.referenceValue === p.orderId) ||
          (r.referenceKey === 'actionId' && p.actionIds.includes(r.referenceValue)),
      ),
    );
    if (referenced) return true;
    if (p.topic === 'order') return s.orderId === p.orderId && s.orderUpdateId >= (p.orderUpdateId ?? 0);
    return s.actionStates.some((a) => p.actionIds.includes(a.actionId));
  };

  const onState = (env: Envelope) => {
    const t = env.payload as RobotTelemetry;
    if (t.topic !== 'state') return;
    const set = byRobot.get(t.robotId);
    if (!set) return;
    for (const p of [...set]) if (reflects(p, t.message)) settle(p, 'acknowledged');
  };
  const sub = deps.bus.subscribe(SUBJECTS.state, onState, { name: 'delivery-tracker' });

  return {
    track(input: TrackInput): Promise<DeliveryOutcome> {
      return new Promise<DeliveryOutcome>((resolve) => {
        const p: Pending = {
          ...input,
          attempts: 1,
          headerIds: [input.firstHeaderId],
          firstSentAt: deps.clock.now(),
          timer: null,
          paused: false,
          resolve,
        };
        let set = byRobot.get(p.robotId);
        if (!set) byRobot.set(p.robotId, (set = new Set()));
        set.add(p);
        schedule(p);
      });
    },
    /** A newer order replaces the older one on the robot: stop resending the older. */
    supersedeOrders(robotId: number) {
      for (const p of [...(byRobot.get(robotId) ?? [])]) if (p.topic === 'order') settle(p, 'superseded');
    },
    stats: () => ({ ...counts, pending: [...byRobot.values()].reduce((n, s) => n + s.size, 0) }),
    stop() {
      sub.unsubscribe();
      offConnect?.();
      for (const set of [...byRobot.values()]) for (const p of [...set]) settle(p, 'abandoned');
    },
  };
}

export type DeliveryTracker = ReturnType<typeof createDeliveryTracker>;
