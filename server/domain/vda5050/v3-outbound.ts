// Master control's order and instantActions, written in the internal (2.x) vocabulary, as VDA 5050 3.0 bodies.
// Pure; the outbound writer validates the result against the official 3.0.0 schema before it is sent. Renamed:
// `…Description` → `…Descriptor`, edge `maxSpeed` → `maximumSpeed`, instant action `initPosition` →
// `initializePosition`. Changed: a node's `allowedDeviationXY` (a radius in 2.x) becomes 3.0's ellipse with both
// half-axes that radius; instant actions are blocking type NONE (the only one 3.0 allows for them). Dropped, as 3.0
// has no such fields: an edge's `startNodeId`/`endNodeId` (3.0 edges join the nodes around them by sequence) and
// `rotationAllowed`, the order's `zoneSetId`, a node position's `mapDescription`.
import type { Action, InstantActionsMessage, OrderBody, OrderEdge, OrderNode, VdaHeader } from './messages';

type Json = Record<string, unknown>;
const opt = (key: string, value: unknown): Json => (value === undefined ? {} : { [key]: value });

const RENAMED_ACTIONS: Record<string, string> = { initPosition: 'initializePosition' };

function action(a: Action, instant: boolean): Json {
  return {
    actionType: RENAMED_ACTIONS[a.actionType] ?? a.actionType,
    actionId: a.actionId,
    blockingType: instant ? 'NONE' : a.blockingType,
    ...opt('actionDescriptor', a.actionDescription),
    ...opt('actionParameters', a.actionParameters),
  };
}

function node(n: OrderNode): Json {
  const p = n.nodePosition;
  return {
    nodeId: n.nodeId,
    sequenceId: n.sequenceId,
    released: n.released,
    actions: n.actions.map((a) => action(a, false)),
    ...opt('nodeDescriptor', n.nodeDescription),
    ...(p && {
      nodePosition: {
        x: p.x,
        y: p.y,
        mapId: p.mapId,
        ...opt('theta', p.theta),
        ...opt('allowedDeviationTheta', p.allowedDeviationTheta),
        ...(p.allowedDeviationXY !== undefined && {
          allowedDeviationXY: { a: p.allowedDeviationXY, b: p.allowedDeviationXY, theta: 0 },
        }),
      },
    }),
  };
}

function edge(e: OrderEdge): Json {
  return {
    edgeId: e.edgeId,
    sequenceId: e.sequenceId,
    released: e.released,
    actions: e.actions.map((a) => action(a, false)),
    ...opt('edgeDescriptor', e.edgeDescription),
    ...opt('maximumSpeed', e.maxSpeed),
    ...opt('orientation', e.orientation),
    ...opt('direction', e.direction),
    ...opt('length', e.length),
  };
}

export function orderBodyToV3(o: OrderBody): Json {
  return { orderId: o.orderId, orderUpdateId: o.orderUpdateId, nodes: o.nodes.map(node), edges: o.edges.map(edge) };
}

export function instantActionsBodyToV3(b: Omit<InstantActionsMessage, keyof VdaHeader>): Json {
  return { actions: b.actions.map((a) => action(a, true)) };
}
