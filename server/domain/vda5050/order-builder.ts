// Builds VDA 5050 orders from routes on the map graph (pure). Nodes take even sequenceIds and edges odd ones;
// the first `baseNodes` nodes (and the edges between them) are released, the rest is the unreleased horizon.
// An order update keeps the orderId, raises orderUpdateId and starts at the last base node of the previous
// message: the base already sent is never changed (VDA 5050 2.0.0, section 6.6 "Orders and order update").
import type { RoutePlanner } from '../route-planner';
import type { Action, OrderBody, OrderEdge, OrderNode } from './messages';

export class OrderBuildError extends Error {
  override readonly name = 'OrderBuildError';
}

export interface RouteOrderInput {
  orderId: string;
  /** Node ids to drive through, in order; a single node is a valid order (e.g. "stay here and charge"). */
  route: readonly string[];
  /** How many nodes of the route are released (base); the rest is horizon. Default: all of them. */
  baseNodes?: number;
  /** Actions to execute at the route's last node (e.g. startCharging at a charger). */
  finalNodeActions?: Action[];
  zoneSetId?: string;
}

export interface PathOrderInput extends Omit<RouteOrderInput, 'route'> {
  fromNodeId: string;
  toNodeId: string;
}

/** A new order along the shortest path between two map nodes. */
export function buildOrderToNode(planner: RoutePlanner, input: PathOrderInput): OrderBody {
  const route = planner.shortestPath(input.fromNodeId, input.toNodeId);
  if (!route) throw new OrderBuildError(`no drivable route from node ${input.fromNodeId} to node ${input.toNodeId}`);
  const { fromNodeId: _f, toNodeId: _t, ...rest } = input;
  return buildOrder(planner, { ...rest, route });
}

/** A new order (orderUpdateId 0) along `route`. */
export function buildOrder(planner: RoutePlanner, input: RouteOrderInput): OrderBody {
  if (!input.orderId) throw new OrderBuildError('orderId must not be empty');
  return {
    orderId: input.orderId,
    orderUpdateId: 0,
    ...(input.zoneSetId !== undefined && { zoneSetId: input.zoneSetId }),
    ...graphOf(planner, input.route, 0, input.baseNodes ?? input.route.length, input.finalNodeActions ?? []),
  };
}

export interface OrderUpdateInput {
  /** Node ids from the previous message's last base node onwards. */
  route: readonly string[];
  /** Released nodes in this update, counting the last base node it starts at (>= 1). Default: all. */
  baseNodes?: number;
  finalNodeActions?: Action[];
}

/** The last released node of an order message: where an update must start. */
export function lastBaseNode(order: OrderBody): OrderNode {
  const base = order.nodes.filter((n) => n.released);
  const last = base.reduce<OrderNode | undefined>((a, n) => (!a || n.sequenceId > a.sequenceId ? n : a), undefined);
  if (!last) throw new OrderBuildError(`order ${order.orderId} has no released node to continue from`);
  return last;
}

/** An update of `previous` (same orderId, orderUpdateId + 1) that extends or replaces its horizon. */
export function buildOrderUpdate(planner: RoutePlanner, previous: OrderBody, input: OrderUpdateInput): OrderBody {
  const stitch = lastBaseNode(previous);
  const first = input.route[0];
  if (first !== stitch.nodeId) {
    throw new OrderBuildError(
      `order update of ${previous.orderId} must start at the last base node ${stitch.nodeId} (sequenceId ${stitch.sequenceId}), ` +
        `not at ${first ?? '(empty route)'}: the base already sent cannot be changed`,
    );
  }
  const baseNodes = input.baseNodes ?? input.route.length;
  if (baseNodes < 1) throw new OrderBuildError('an order update keeps at least its first node (the last base node) released');
  const graph = graphOf(planner, input.route, stitch.sequenceId, baseNodes, input.finalNodeActions ?? []);
  // The stitching node was already sent with its actions; resending them would duplicate them on the robot.
  graph.nodes[0] = { ...graph.nodes[0]!, actions: stitch.actions };
  return {
    orderId: previous.orderId,
    orderUpdateId: previous.orderUpdateId + 1,
    ...(previous.zoneSetId !== undefined && { zoneSetId: previous.zoneSetId }),
    ...graph,
  };
}

/** A new route from the robot's current horizon for the same order (horizon-only replan). */
export function buildOrderUpdateToNode(
  planner: RoutePlanner,
  previous: OrderBody,
  input: Omit<OrderUpdateInput, 'route'> & { toNodeId: string },
): OrderBody {
  const from = lastBaseNode(previous).nodeId;
  const route = planner.shortestPath(from, input.toNodeId);
  if (!route) throw new OrderBuildError(`no drivable route from node ${from} to node ${input.toNodeId}`);
  return buildOrderUpdate(planner, previous, { ...input, route });
}

function graphOf(
  planner: RoutePlanner,
  route: readonly string[],
  firstSequenceId: number,
  baseNodes: number,
  finalNodeActions: Action[],
): Pick<OrderBody, 'nodes' | 'edges'> {
  if (route.length === 0) throw new OrderBuildError('a route needs at least one node');
  if (!Number.isInteger(baseNodes) || baseNodes < 1 || baseNodes > route.length) {
    throw new OrderBuildError(`baseNodes must be an integer from 1 to ${route.length} (the route's node count), got ${baseNodes}`);
  }
  const mapId = planner.map.mapId;
  const nodes: OrderNode[] = route.map((nodeId, i) => {
    const n = planner.node(nodeId);
    if (!n) throw new OrderBuildError(`node ${nodeId} is not on map ${mapId}`);
    return {
      nodeId,
      sequenceId: firstSequenceId + 2 * i,
      released: i < baseNodes,
      nodePosition: { x: n.x, y: n.y, mapId },
      actions: i === route.length - 1 ? [...finalNodeActions] : [],
    };
  });
  const edges: OrderEdge[] = [];
  for (let i = 1; i < route.length; i++) {
    const startNodeId = route[i - 1]!;
    const endNodeId = route[i]!;
    const edge = planner.edgeBetween(startNodeId, endNodeId);
    if (!edge) throw new OrderBuildError(`no drivable edge from node ${startNodeId} to node ${endNodeId}`);
    // An edge is released only when the node it leads to is released.
    edges.push({
      edgeId: edge.id,
      sequenceId: firstSequenceId + 2 * i - 1,
      released: i < baseNodes,
      startNodeId,
      endNodeId,
      actions: [],
      ...(edge.maxSpeed !== undefined && { maxSpeed: edge.maxSpeed }),
    });
  }
  return { nodes, edges };
}
