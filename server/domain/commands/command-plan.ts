// Turns a ledger command into the VDA 5050 message that carries it (pure). The wire ids derive from the command id,
// so a resend, even after a restart, carries the same actionId/orderId and the robot runs it at most once.
import type { RoutePlanner } from '../route-planner';
import { supportsAction, type FactsheetSummary } from '../vda5050/factsheet-summary';
import type { RobotView } from '../robot';
import type { MapNode } from '../warehouse-map';
import * as ia from '../vda5050/instant-actions';
import type { Action, OrderBody } from '../vda5050/messages';
import { buildOrder, OrderBuildError } from '../vda5050/order-builder';
import { COMMAND_PARAMS, type CommandParams, type CommandType } from './command';

export type WireMessage = { topic: 'instantActions'; actions: Action[] } | { topic: 'order'; order: OrderBody };

/** What the ledger tracks on the robot's side: the instant action, or the order and its final action. */
export interface WireIds {
  actionId: string | null;
  orderId: string | null;
}

export class CommandPlanError extends Error {
  override readonly name = 'CommandPlanError';
}

export const wireIdsOf = (type: CommandType, commandId: string): WireIds =>
  type === 'goTo'
    ? { actionId: null, orderId: commandId }
    : type === 'charge'
      ? { actionId: commandId, orderId: commandId }
      : { actionId: commandId, orderId: null };

/** Parses params for a type; the error message names the type and what is wrong. */
export function parseParams<T extends CommandType>(type: T, params: unknown): CommandParams[T] {
  const r = COMMAND_PARAMS[type].safeParse(params ?? {});
  if (!r.success)
    throw new CommandPlanError(`${type}: ${r.error.issues.map((i) => `${i.path.join('.') || 'params'} ${i.message}`).join('; ')}`);
  return r.data as CommandParams[T];
}

/** A node by id, or a named place by node id, place name or place id (case-insensitive). */
export function resolvePlace(planner: RoutePlanner, ref: string): MapNode {
  const byId = planner.node(ref);
  if (byId) return byId;
  const want = ref.trim().toLowerCase();
  const hit = planner.map.nodes.find((n) => n.place && (n.place.name.toLowerCase() === want || n.id.toLowerCase() === want));
  if (hit) return hit;
  const charger = planner.map.chargers.find((c) => c.id.toLowerCase() === want || c.name.toLowerCase() === want);
  if (charger && planner.node(charger.nodeId)) return planner.node(charger.nodeId)!;
  throw new CommandPlanError(`no node or place "${ref}" on map ${planner.map.mapId}`);
}

/** Checks what can be checked before the robot is reached: parameters and named targets. */
export function validateCommand(planner: RoutePlanner, type: CommandType, params: unknown): void {
  const p = parseParams(type, params);
  if (type === 'goTo') {
    const g = p as CommandParams['goTo'];
    resolvePlace(planner, 'nodeId' in g ? g.nodeId : g.place);
  }
  if (type === 'charge') {
    const c = p as CommandParams['charge'];
    if (c.chargerNodeId && !planner.nodesByPlaceKind('charger').some((n) => n.id === c.chargerNodeId))
      throw new CommandPlanError(`charge: ${c.chargerNodeId} is not a charger node`);
  }
  if (type === 'initPosition') {
    const i = p as CommandParams['initPosition'];
    const node = 'nodeId' in i ? i.nodeId : i.lastNodeId;
    if (node !== undefined && !planner.node(node)) throw new CommandPlanError(`initPosition: no node ${node} on map ${planner.map.mapId}`);
  }
}

/** Where a route for this robot starts: its last node (robots accept that as the first node), else the nearest. */
function startNode(planner: RoutePlanner, robot: RobotView): string {
  if (robot.lastNodeId && planner.node(robot.lastNodeId)) return robot.lastNodeId;
  if (!robot.pose) throw new CommandPlanError(`robot ${robot.name} has reported no position yet; cannot plan a route`);
  const n = planner.nearestNode(robot.pose.x, robot.pose.y);
  if (!n) throw new CommandPlanError('the map has no nodes');
  return n.id;
}

function routeOrder(planner: RoutePlanner, robot: RobotView, orderId: string, to: MapNode, finalNodeActions: Action[] = []): OrderBody {
  const from = startNode(planner, robot);
  const route = planner.shortestPath(from, to.id);
  if (!route) throw new CommandPlanError(`no drivable route from ${from} to ${to.id}`);
  try {
    return buildOrder(planner, { orderId, route, finalNodeActions });
  } catch (e) {
    if (e instanceof OrderBuildError) throw new CommandPlanError(e.message);
    throw e;
  }
}

function nearestCharger(planner: RoutePlanner, robot: RobotView): MapNode {
  const from = startNode(planner, robot);
  let best: { node: MapNode; length: number } | null = null;
  for (const c of planner.nodesByPlaceKind('charger')) {
    const route = planner.shortestPath(from, c.id);
    if (!route) continue;
    const length = planner.pathLength(route);
    if (!best || length < best.length) best = { node: c, length };
  }
  if (!best) throw new CommandPlanError(`no charger is reachable from ${from}`);
  return best.node;
}

export interface PlanInput {
  commandId: string;
  type: CommandType;
  params: unknown;
  robot: RobotView;
  planner: RoutePlanner;
}

export function planCommand({ commandId, type, params, robot, planner }: PlanInput): WireMessage {
  const ids = wireIdsOf(type, commandId);
  const opts = { actionId: ids.actionId ?? commandId, actionDescription: `FleetScope command ${commandId}` };
  const instant = (a: Action): WireMessage => ({ topic: 'instantActions', actions: [a] });
  switch (type) {
    case 'pause':
      return instant(ia.startPause(opts));
    case 'resume':
      return instant(ia.stopPause(opts));
    case 'cancelOrder':
      return instant(ia.cancelOrder(opts));
    case 'stopCharging':
      return instant(ia.stopCharging(opts));
    case 'stateRequest':
      return instant(ia.stateRequest(opts));
    case 'factsheetRequest':
      return instant(ia.factsheetRequest(opts));
    case 'initPosition': {
      const p = parseParams('initPosition', params);
      const node = 'nodeId' in p ? planner.node(p.nodeId) : null;
      const at = node
        ? { x: node.x, y: node.y, theta: p.theta ?? robot.pose?.theta ?? 0, lastNodeId: node.id }
        : (p as { x: number; y: number; theta: number; lastNodeId?: string });
      const lastNodeId = at.lastNodeId ?? planner.nearestNode(at.x, at.y)?.id ?? '';
      return instant(ia.initPosition({ x: at.x, y: at.y, theta: at.theta, mapId: planner.map.mapId, lastNodeId }, opts));
    }
    case 'goTo': {
      const p = parseParams('goTo', params);
      return { topic: 'order', order: routeOrder(planner, robot, ids.orderId!, resolvePlace(planner, 'nodeId' in p ? p.nodeId : p.place)) };
    }
    case 'charge': {
      const p = parseParams('charge', params);
      const charger = p.chargerNodeId ? resolvePlace(planner, p.chargerNodeId) : nearestCharger(planner, robot);
      return { topic: 'order', order: routeOrder(planner, robot, ids.orderId!, charger, [ia.startCharging(opts)]) };
    }
  }
}

/** The action types a command needs the robot to support, with their scope (for the factsheet check). */
export function requiredActions(type: CommandType): { actionType: string; scope: 'INSTANT' | 'NODE' }[] {
  const map: Partial<Record<CommandType, string>> = {
    pause: 'startPause',
    resume: 'stopPause',
    cancelOrder: 'cancelOrder',
    stopCharging: 'stopCharging',
    stateRequest: 'stateRequest',
    factsheetRequest: 'factsheetRequest',
    initPosition: 'initPosition',
  };
  if (type === 'charge') return [{ actionType: 'startCharging', scope: 'NODE' }];
  const t = map[type];
  return t ? [{ actionType: t, scope: 'INSTANT' }] : [];
}

/** Why a robot with this factsheet cannot take the command (null: it can, or no factsheet is known yet). */
export function factsheetRefusal(factsheet: FactsheetSummary | undefined, type: CommandType): string | null {
  if (!factsheet) return null;
  const miss = requiredActions(type).find((a) => !supportsAction(factsheet, a.actionType, a.scope));
  return miss ? `the robot's factsheet does not list ${miss.actionType} as ${miss.scope} action` : null;
}
