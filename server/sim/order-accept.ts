// Accepting or rejecting an incoming (schema-valid) order, following VDA 5050 2.0.0: a new order only when idle or
// when it starts where the robot waits at its last base node; updates must stitch onto the last base node; a
// repeated orderUpdateId is ignored, a lower one rejected. Pure: mutates only the model passed in.
import { track } from './action-ledger';
import { addError, orderActive, takeControl, warning, type AgvContext, type AgvModel, type RunNode } from './agv-model';
import type { OrderEdge, OrderMessage, OrderNode } from './vda-inbound';

export type OrderOutcome = 'accepted' | 'updated' | 'ignored' | 'rejected';

/** How far the robot may be from a new order's first node for it to count as "trivially reachable", in metres. */
const FIRST_NODE_REACH_M = 1;

function refs(o: OrderMessage, extra: Record<string, string | number> = {}): Record<string, string | number> {
  return { headerId: o.headerId, topic: 'order', orderId: o.orderId, orderUpdateId: o.orderUpdateId, ...extra };
}

/** Structural rules the schema cannot express; returns the first problem or null. */
function structuralProblem(o: OrderMessage, ctx: AgvContext): { why: string; ref: Record<string, string> } | null {
  if (o.nodes.length === 0) return { why: 'order has no nodes', ref: {} };
  if (o.edges.length !== o.nodes.length - 1)
    return { why: `expected ${o.nodes.length - 1} edges for ${o.nodes.length} nodes, got ${o.edges.length}`, ref: {} };
  for (let i = 0; i < o.edges.length; i++) {
    const e = o.edges[i]!;
    const a = o.nodes[i]!;
    const b = o.nodes[i + 1]!;
    if (e.startNodeId !== a.nodeId || e.endNodeId !== b.nodeId)
      return { why: `edge ${e.edgeId} does not connect ${a.nodeId} to ${b.nodeId}`, ref: { edgeId: e.edgeId } };
    if (!(a.sequenceId < e.sequenceId && e.sequenceId < b.sequenceId))
      return { why: `sequenceIds must increase along the path at edge ${e.edgeId}`, ref: { edgeId: e.edgeId } };
  }
  const firstHorizon = o.nodes.findIndex((n) => !n.released);
  if (firstHorizon === 0) return { why: 'the first node must be released', ref: { nodeId: o.nodes[0]!.nodeId } };
  if (firstHorizon > 0 && o.nodes.slice(firstHorizon).some((n) => n.released))
    return { why: 'released nodes must not follow horizon nodes', ref: {} };
  const edgeHorizon = o.edges.findIndex((e) => !e.released);
  if (edgeHorizon >= 0 && o.edges.slice(edgeHorizon).some((e) => e.released))
    return { why: 'released edges must not follow horizon edges', ref: {} };
  for (const n of o.nodes) {
    if (n.nodePosition && n.nodePosition.mapId !== ctx.planner.map.mapId)
      return { why: `node ${n.nodeId} is on map ${n.nodePosition.mapId}, robot is on ${ctx.planner.map.mapId}`, ref: { nodeId: n.nodeId } };
    if (!n.nodePosition && !ctx.planner.node(n.nodeId))
      return { why: `node ${n.nodeId} has no nodePosition and is not on the map`, ref: { nodeId: n.nodeId } };
  }
  return null;
}

function place(n: OrderNode, ctx: AgvContext): RunNode {
  const p = n.nodePosition ?? ctx.planner.node(n.nodeId)!; // structuralProblem guarantees one of them
  return { ...n, x: p.x, y: p.y };
}

function lastReleased(nodes: readonly OrderNode[]): OrderNode {
  return [...nodes].reverse().find((n) => n.released) ?? nodes[0]!;
}

function trackActions(m: AgvModel, nodes: readonly OrderNode[], edges: readonly OrderEdge[]): void {
  const known = new Set(m.actions.map((a) => a.action.actionId));
  const fresh = [
    ...nodes.flatMap((n) => n.actions.map((a) => track(a, 'NODE', n.sequenceId))),
    ...edges.flatMap((e) => e.actions.map((a) => track(a, 'EDGE', e.sequenceId))),
  ].filter((t) => !known.has(t.action.actionId) && m.ledger.remember(t.action.actionId));
  fresh.sort((a, b) => a.sequenceId - b.sequenceId);
  m.actions = [...m.actions, ...fresh];
}

function acceptNew(m: AgvModel, o: OrderMessage, ctx: AgvContext): void {
  takeControl(m);
  const first = o.nodes[0]!;
  const firstRun = place(first, ctx);
  // The first node counts as reached at once; the robot closes any small gap to it before acting there.
  const { x, y } = m.robot.motion;
  m.approach = Math.hypot(firstRun.x - x, firstRun.y - y) > 1e-3 ? { x: firstRun.x, y: firstRun.y } : null;
  m.robot = {
    ...m.robot,
    lastNodeId: first.nodeId,
    lastNodeSequenceId: first.sequenceId,
    orderId: o.orderId,
    orderUpdateId: o.orderUpdateId,
  };
  m.distanceSinceLastNode = 0;
  const end = lastReleased(o.nodes);
  m.order = {
    orderId: o.orderId,
    orderUpdateId: o.orderUpdateId,
    nodes: o.nodes.slice(1).map((n) => place(n, ctx)),
    edges: o.edges,
    baseEnd: { nodeId: end.nodeId, sequenceId: end.sequenceId },
    done: false,
  };
  // The old order's action states go; instant actions stay, finished ones too (bounded in pushAction): their final
  // status may be all the master control has not seen yet (a report lost at QoS 0), and it learns it only from a
  // later state. VDA 5050 3.0 says so outright: instant action states stay until restart or clearInstantActions.
  m.actions = m.actions.filter((a) => a.scope === 'INSTANT');
  trackActions(m, o.nodes, o.edges);
}

function acceptUpdate(m: AgvModel, o: OrderMessage, ctx: AgvContext): void {
  const run = m.order!;
  const stitch = o.nodes[0]!;
  const keptNodes = run.nodes.filter((n) => n.sequenceId <= stitch.sequenceId); // base not yet reached, incl. the stitch node
  const keptEdges = run.edges.filter((e) => e.sequenceId < stitch.sequenceId);
  const end = lastReleased(o.nodes);
  m.order = {
    ...run,
    orderUpdateId: o.orderUpdateId,
    nodes: [...keptNodes, ...o.nodes.slice(1).map((n) => place(n, ctx))],
    edges: [...keptEdges, ...o.edges],
    baseEnd: { nodeId: end.nodeId, sequenceId: end.sequenceId },
    done: false,
  };
  m.robot = { ...m.robot, orderUpdateId: o.orderUpdateId };
  m.lastControlAt = m.robot.time;
  trackActions(m, o.nodes.slice(1), o.edges); // the stitch node's actions came with the previous message
}

/** Applies a schema-valid order to the model; rejections are reported as errors in the model. */
export function receiveOrder(m: AgvModel, o: OrderMessage, ctx: AgvContext): OrderOutcome {
  const problem = structuralProblem(o, ctx);
  if (problem) {
    addError(m, warning('validationError', problem.why, refs(o, problem.ref)));
    return 'rejected';
  }
  const run = m.order;
  if (run && run.orderId === o.orderId) {
    if (o.orderUpdateId === run.orderUpdateId) return 'ignored'; // a resent message: nothing to do, nothing to report
    if (o.orderUpdateId < run.orderUpdateId) {
      addError(m, warning('orderUpdateError', `orderUpdateId ${o.orderUpdateId} is lower than the current ${run.orderUpdateId}`, refs(o)));
      return 'rejected';
    }
    const stitch = o.nodes[0]!;
    if (stitch.nodeId !== run.baseEnd.nodeId || stitch.sequenceId !== run.baseEnd.sequenceId) {
      addError(
        m,
        warning(
          'orderUpdateError',
          `update must start at the last base node ${run.baseEnd.nodeId} (sequenceId ${run.baseEnd.sequenceId})`,
          refs(o, { nodeId: stitch.nodeId }),
        ),
      );
      return 'rejected';
    }
    acceptUpdate(m, o, ctx);
  } else {
    const first = o.nodes[0]!;
    if (run && orderActive(m)) {
      const waitingAtBaseEnd = !run.nodes.some((n) => n.released) && m.approach === null && first.nodeId === m.robot.lastNodeId;
      if (!waitingAtBaseEnd) {
        addError(
          m,
          warning(
            'orderError',
            `order ${run.orderId} is still running; a new order must start at the last base node ${run.baseEnd.nodeId}`,
            refs(o),
          ),
        );
        return 'rejected';
      }
    }
    const p = place(first, ctx);
    const far = Math.hypot(p.x - m.robot.motion.x, p.y - m.robot.motion.y);
    if (first.nodeId !== m.robot.lastNodeId && far > Math.max(FIRST_NODE_REACH_M, first.nodePosition?.allowedDeviationXY ?? 0)) {
      addError(
        m,
        warning(
          'noRouteError',
          `first node ${first.nodeId} is ${far.toFixed(1)} m away, not trivially reachable`,
          refs(o, { nodeId: first.nodeId }),
        ),
      );
      return 'rejected';
    }
    acceptNew(m, o, ctx);
  }
  m.errors = []; // an accepted order resolves earlier rejections
  m.ledger.count('order');
  m.changed = true;
  return run && run.orderId === o.orderId ? 'updated' : 'accepted';
}
