// A robot's protocol behaviour judged over its message sequence (pure): rules fed every message in and out, one at a
// time, each holding a verdict (PASS, FAIL, INCONCLUSIVE) and the messages that are its evidence. The bugs that stall
// real fleets are behavioural (a cancel never acknowledged, traversed nodes never removed, a reconnect without a
// fresh state), so each rule watches for one of them. Memory per robot is fixed: small state per rule, at most
// MAX_EVIDENCE messages of evidence each. Works on the internal model, so 2.x and 3.0 robots are judged alike.
import type { ActionStatus, ConnectionMessage, FactsheetMessage, StateMessage } from './messages';

export type Verdict = 'PASS' | 'FAIL' | 'INCONCLUSIVE';

/** One message named as evidence: enough to find it in the inspector or a recording. */
export interface EvidenceRef {
  direction: 'in' | 'out';
  topic: string;
  headerId: number | null;
  /** Epoch ms the app received (in) or sent (out) it. */
  at: number;
  note?: string;
}

export interface RuleResult {
  id: string;
  title: string;
  verdict: Verdict;
  /** Why: what was seen, or what is still missing for a verdict. */
  detail: string;
  evidence: EvidenceRef[];
}

/** The messages the behaviour rules read (every message's headerId goes to `header` instead). */
export type Observed =
  | { direction: 'in'; topic: 'state'; headerId: number; at: number; message: StateMessage }
  | { direction: 'in'; topic: 'connection'; headerId: number; at: number; message: ConnectionMessage }
  | { direction: 'in'; topic: 'factsheet'; headerId: number; at: number; message: FactsheetMessage }
  | {
      direction: 'out';
      topic: 'order';
      headerId: number;
      at: number;
      /** `nodes` as sent (2.x or 3.0 alike: sequenceId and released): where the base ends. */
      message: { orderId: string; orderUpdateId: number; nodes?: readonly { sequenceId: number; released: boolean }[] };
    }
  | {
      direction: 'out';
      topic: 'instantActions';
      headerId: number;
      at: number;
      message: { actions: { actionId: string; actionType: string }[] };
    };

export const MAX_EVIDENCE = 6;
/** How long a robot has to answer: an instant action to end, an order to show, a reconnect to bring a state. */
export const ANSWER_WITHIN_MS = 30_000;
/** VDA 5050: a state at least every 30 s. A little slack for the network. */
export const STATE_EVERY_MS = 30_000;
const STATE_SLACK_MS = 2000;
/** A fresh state after connection ONLINE within this long. */
export const STATE_AFTER_ONLINE_MS = 10_000;
/** Pending items (actions, orders) watched per robot, at most; older ones are dropped (counted as not judged). */
const MAX_PENDING = 64;

const FINAL: readonly ActionStatus[] = ['FINISHED', 'FAILED'];
const ref = (o: Observed, note?: string): EvidenceRef => ({
  direction: o.direction,
  topic: o.topic,
  headerId: o.headerId,
  at: o.at,
  ...(note && { note }),
});

/** A rule's running judgement: FAIL is kept (the first failures are the evidence); PASS needs something seen. */
class Judgement {
  verdict: Verdict = 'INCONCLUSIVE';
  detail: string;
  evidence: EvidenceRef[] = [];
  failures = 0;

  constructor(
    readonly id: string,
    readonly title: string,
    waiting: string,
  ) {
    this.detail = waiting;
  }

  pass(detail: string, ...evidence: EvidenceRef[]): void {
    if (this.verdict === 'FAIL') return;
    this.verdict = 'PASS';
    this.detail = detail;
    this.evidence = evidence.slice(0, MAX_EVIDENCE);
  }

  fail(detail: string, ...evidence: EvidenceRef[]): void {
    this.failures++;
    if (this.verdict !== 'FAIL') {
      this.verdict = 'FAIL';
      this.detail = detail;
      this.evidence = [];
    } else if (this.failures > 1) this.detail = `${detail} (${this.failures} times; the first ones are the evidence)`;
    for (const e of evidence) if (this.evidence.length < MAX_EVIDENCE) this.evidence.push(e);
  }

  result(): RuleResult {
    return { id: this.id, title: this.title, verdict: this.verdict, detail: this.detail, evidence: [...this.evidence] };
  }
}

interface PendingAction {
  sent: EvidenceRef;
  actionId: string;
  actionType: string;
  dueAt: number;
}

export interface ConformanceTracker {
  /** Every valid, non-retained message from the robot, after `observe` for the same message. Allocates nothing. */
  header(topic: string, headerId: number, at: number): void;
  observe(o: Observed): void;
  /** The rules' verdicts at `now` (deadlines that passed by then are judged). */
  report(now: number): RuleResult[];
}

export function createConformanceTracker(): ConformanceTracker {
  const headerIds = new Judgement('header-ids', 'headerId rises by one per message on each topic', 'waiting for two messages on one topic');
  const stateInterval = new Judgement(
    'state-interval',
    'state at least every 30 s while online',
    'waiting for 30 s of states while online',
  );
  const reconnect = new Judgement('reconnect-state', 'connection ONLINE is followed by a full state', 'waiting for a connection ONLINE');
  const instant = new Judgement('instant-actions-final', 'instant actions reach FINISHED or FAILED', 'no instant action sent yet');
  const orders = new Judgement(
    'order-accepted',
    'orders and order updates show in the state (orderId kept, orderUpdateId raised)',
    'no order sent yet',
  );
  const traversal = new Judgement(
    'traversed-removed',
    'traversed nodes and edges leave nodeStates and edgeStates',
    'waiting for a state with an order',
  );
  const cancel = new Judgement(
    'cancel-ends-order',
    'cancelOrder ends the order: actions ended, nodes and edges cleared, cancel FINISHED',
    'no cancelOrder sent yet',
  );
  const factsheet = new Judgement(
    'factsheet-actions',
    'the actions the robot runs are listed in its factsheet',
    'waiting for a factsheet and an action',
  );
  const base = new Judgement(
    'base-respected',
    'the robot drives only its base: it stops at the last released node and reports the horizon unreleased',
    'no order with a horizon sent yet',
  );
  const rules = [headerIds, stateInterval, reconnect, instant, orders, traversal, base, cancel, factsheet];

  const lastHeader = new Map<string, { headerId: number; at: number }>();
  let online: EvidenceRef | null = null;
  let onlineSince = 0;
  let lastState: EvidenceRef | null = null;
  /** Only what the rules compare with the next state: a whole state per robot would be kilobytes each. */
  let lastStateMsg: Pick<StateMessage, 'orderId' | 'orderUpdateId' | 'lastNodeSequenceId'> | null = null;
  let awaitingStateAfterOnline: EvidenceRef | null = null;
  const pendingActions: PendingAction[] = [];
  const pendingOrders: { sent: EvidenceRef; orderId: string; orderUpdateId: number; dueAt: number }[] = [];
  let pendingCancel: (PendingAction & { orderId: string }) | null = null;
  let listed: Set<string> | null = null;
  /** The last order sent: where its base ends (an update stitched onto it only moves the end forward). */
  let sentBase: { orderId: string; orderUpdateId: number; baseEnd: number; horizon: boolean; sent: EvidenceRef } | null = null;
  const ran = new Map<string, EvidenceRef>();

  const bounded = <T>(list: T[], item: T) => {
    list.push(item);
    if (list.length > MAX_PENDING) list.shift();
  };

  function judgeDeadlines(now: number): void {
    for (let i = pendingActions.length - 1; i >= 0; i--) {
      const p = pendingActions[i]!;
      if (now < p.dueAt) continue;
      instant.fail(`${p.actionType} ${p.actionId} did not reach FINISHED or FAILED within ${ANSWER_WITHIN_MS / 1000} s`, p.sent);
      pendingActions.splice(i, 1);
    }
    for (let i = pendingOrders.length - 1; i >= 0; i--) {
      const p = pendingOrders[i]!;
      if (now < p.dueAt) continue;
      orders.fail(`order ${p.orderId}/${p.orderUpdateId} never showed in the state within ${ANSWER_WITHIN_MS / 1000} s`, p.sent);
      pendingOrders.splice(i, 1);
    }
    if (pendingCancel && now >= pendingCancel.dueAt) {
      cancel.fail(
        `cancelOrder ${pendingCancel.actionId} did not end order ${pendingCancel.orderId} within ${ANSWER_WITHIN_MS / 1000} s`,
        pendingCancel.sent,
      );
      pendingCancel = null;
    }
    if (awaitingStateAfterOnline && now - awaitingStateAfterOnline.at > STATE_AFTER_ONLINE_MS) {
      reconnect.fail(`no state within ${STATE_AFTER_ONLINE_MS / 1000} s of connection ONLINE`, awaitingStateAfterOnline);
      awaitingStateAfterOnline = null;
    }
    if (online && lastState && now - lastState.at > STATE_EVERY_MS + STATE_SLACK_MS) {
      stateInterval.fail(`no state for ${Math.round((now - lastState.at) / 1000)} s while online`, lastState);
      lastState = { ...lastState, at: now }; // one failure per silence
    }
  }

  // Runs for every message (visualization at 10 Hz too): no allocation unless the verdict changes.
  function header(topic: string, headerId: number, at: number): void {
    const prev = lastHeader.get(topic);
    if (!prev) return void lastHeader.set(topic, { headerId, at });
    // A reconnect may start every sequence at 0 again; anything else must rise (gaps are lost messages, not a
    // protocol fault: QoS 0 loses some).
    if (headerId <= prev.headerId && !(online && online.at >= prev.at)) {
      const before: EvidenceRef = { direction: 'in', topic, headerId: prev.headerId, at: prev.at };
      headerIds.fail(`${topic} headerId went from ${prev.headerId} to ${headerId} without a reconnect`, before, {
        direction: 'in',
        topic,
        headerId,
        at,
      });
    } else if (headerIds.verdict === 'INCONCLUSIVE')
      headerIds.pass('headerIds rise on every topic', { direction: 'in', topic, headerId, at });
    prev.headerId = headerId;
    prev.at = at;
  }

  function onState(o: Extract<Observed, { topic: 'state' }>): void {
    const s = o.message;
    const here = ref(o);
    if (awaitingStateAfterOnline) {
      reconnect.pass('a state followed connection ONLINE', awaitingStateAfterOnline, here);
      awaitingStateAfterOnline = null;
    }
    if (online && lastState) {
      if (o.at - lastState.at <= STATE_EVERY_MS + STATE_SLACK_MS && o.at - onlineSince >= STATE_EVERY_MS)
        stateInterval.pass('states came at least every 30 s while online', here);
    }
    lastState = here;
    // Traversal: nothing at or behind the last node stays in the state.
    if (s.orderId) {
      // The last node itself counts only under its own id: a new order's first node may share the sequenceId the
      // robot still reports from before it reached that node.
      const stale = s.nodeStates.find(
        (n) => n.sequenceId < s.lastNodeSequenceId || (n.sequenceId === s.lastNodeSequenceId && n.nodeId === s.lastNodeId),
      );
      const staleEdge = s.edgeStates.find((e) => e.sequenceId < s.lastNodeSequenceId);
      if (stale || staleEdge)
        traversal.fail(
          `${stale ? `node ${stale.nodeId} (sequence ${stale.sequenceId})` : `edge ${staleEdge!.edgeId} (sequence ${staleEdge!.sequenceId})`} is still reported after lastNodeSequenceId ${s.lastNodeSequenceId}`,
          here,
        );
      else if (lastStateMsg?.orderId === s.orderId && lastStateMsg.lastNodeSequenceId < s.lastNodeSequenceId)
        traversal.pass('traversed nodes and edges left the state as the robot passed them', here);
    }
    judgeBase(s, here);
    // Orders: shown (same orderId, that orderUpdateId or later), and orderUpdateId never falls for one orderId.
    if (lastStateMsg && lastStateMsg.orderId === s.orderId && s.orderUpdateId < lastStateMsg.orderUpdateId)
      orders.fail(`orderUpdateId of ${s.orderId} fell from ${lastStateMsg.orderUpdateId} to ${s.orderUpdateId}`, here);
    for (let i = pendingOrders.length - 1; i >= 0; i--) {
      const p = pendingOrders[i]!;
      if (s.orderId === p.orderId && s.orderUpdateId >= p.orderUpdateId) {
        orders.pass(`order ${p.orderId}/${p.orderUpdateId} showed in the state`, p.sent, here);
        pendingOrders.splice(i, 1);
      } else if (s.errors.some((e) => e.errorReferences?.some((r) => r.referenceKey === 'orderId' && r.referenceValue === p.orderId))) {
        // A rejection with an error naming the order is an answer too.
        orders.pass(`order ${p.orderId} was rejected with an error naming it`, p.sent, here);
        pendingOrders.splice(i, 1);
      }
    }
    // Instant actions and cancel.
    const status = new Map(s.actionStates.map((a) => [a.actionId, a.actionStatus]));
    for (let i = pendingActions.length - 1; i >= 0; i--) {
      const p = pendingActions[i]!;
      const st = status.get(p.actionId);
      if (st && FINAL.includes(st)) {
        instant.pass(`instant actions reached a final state (${p.actionType} ${st})`, p.sent, here);
        pendingActions.splice(i, 1);
      }
    }
    if (pendingCancel) {
      const st = status.get(pendingCancel.actionId);
      const open = s.actionStates.filter(
        (a) => a.actionId !== pendingCancel!.actionId && !FINAL.includes(a.actionStatus) && a.actionType !== 'startPause',
      );
      if (st === 'FINISHED' && s.nodeStates.length === 0 && s.edgeStates.length === 0 && open.length === 0) {
        cancel.pass(`cancelOrder ended order ${pendingCancel.orderId}`, pendingCancel.sent, here);
        pendingCancel = null;
      } else if (st === 'FINISHED' && (s.nodeStates.length > 0 || open.length > 0)) {
        cancel.fail(
          `cancelOrder reported FINISHED while ${s.nodeStates.length} nodes and ${open.length} actions of the order remain`,
          pendingCancel.sent,
          here,
        );
        pendingCancel = null;
      }
    }
    // Factsheet: every action the robot runs is one it lists.
    for (const a of s.actionStates) {
      if (!a.actionType || a.actionStatus === 'WAITING' || a.actionStatus === 'FAILED' || ran.has(a.actionType)) continue;
      ran.set(a.actionType, here);
      if (listed) judgeAction(a.actionType, here);
    }
    lastStateMsg = { orderId: s.orderId, orderUpdateId: s.orderUpdateId, lastNodeSequenceId: s.lastNodeSequenceId };
  }

  /** Base and horizon: never past the last released node, horizon nodes reported unreleased, a stop at the base's end. */
  function judgeBase(s: StateMessage, here: EvidenceRef): void {
    if (!sentBase || s.orderId !== sentBase.orderId) return;
    const b = sentBase;
    const where = `order ${b.orderId}/${b.orderUpdateId}, base ending at sequence ${b.baseEnd}`;
    if (s.lastNodeSequenceId > b.baseEnd)
      return base.fail(`it reached sequence ${s.lastNodeSequenceId}, beyond the base (${where})`, b.sent, here);
    const released = s.nodeStates.find((n) => n.sequenceId > b.baseEnd && n.released);
    if (released)
      return base.fail(`it reports horizon node ${released.nodeId} (sequence ${released.sequenceId}) as released (${where})`, b.sent, here);
    if (b.horizon && s.lastNodeSequenceId === b.baseEnd && !s.driving)
      base.pass(`it stopped at the end of the base and waited for an update (${where})`, b.sent, here);
  }

  function judgeAction(actionType: string, at: EvidenceRef): void {
    if (!listed!.has(actionType)) factsheet.fail(`it ran ${actionType}, which its factsheet does not list`, at);
    else factsheet.pass(`every action it ran is in its factsheet (${[...ran.keys()].join(', ')})`, at);
  }

  return {
    header,
    observe(o) {
      judgeDeadlines(o.at);
      switch (o.topic) {
        case 'connection':
          if (o.message.connectionState === 'ONLINE') {
            online = ref(o);
            onlineSince = o.at;
            awaitingStateAfterOnline = ref(o);
          } else online = null;
          break;
        case 'state':
          onState(o);
          break;
        case 'factsheet': {
          const f = o.message.protocolFeatures as {
            agvActions?: { actionType?: string }[];
            mobileRobotActions?: { actionType?: string }[];
          };
          const list = f.mobileRobotActions ?? f.agvActions ?? [];
          listed = new Set(
            list.flatMap((a) =>
              typeof a.actionType === 'string' ? [a.actionType === 'initializePosition' ? 'initPosition' : a.actionType] : [],
            ),
          );
          for (const [t, at] of ran) judgeAction(t, at);
          break;
        }
        case 'order': {
          const nodes = o.message.nodes ?? [];
          let baseEnd = -1;
          for (const n of nodes) if (n.released && n.sequenceId > baseEnd) baseEnd = n.sequenceId;
          sentBase =
            baseEnd < 0
              ? null
              : {
                  orderId: o.message.orderId,
                  orderUpdateId: o.message.orderUpdateId,
                  baseEnd,
                  horizon: nodes.some((n) => !n.released),
                  sent: ref(o),
                };
          bounded(pendingOrders, {
            sent: ref(o),
            orderId: o.message.orderId,
            orderUpdateId: o.message.orderUpdateId,
            dueAt: o.at + ANSWER_WITHIN_MS,
          });
          break;
        }
        case 'instantActions':
          for (const a of o.message.actions) {
            const p = {
              sent: ref(o, `${a.actionType} ${a.actionId}`),
              actionId: a.actionId,
              actionType: a.actionType,
              dueAt: o.at + ANSWER_WITHIN_MS,
            };
            // A resend of the same action waits on the first send's deadline.
            if (!pendingActions.some((x) => x.actionId === a.actionId)) bounded(pendingActions, p);
            if (a.actionType === 'cancelOrder' && lastStateMsg?.orderId && !pendingCancel)
              pendingCancel = { ...p, orderId: lastStateMsg.orderId };
          }
          break;
        default:
          break;
      }
    },
    report(now) {
      judgeDeadlines(now);
      return rules.map((r) => r.result());
    },
  };
}
