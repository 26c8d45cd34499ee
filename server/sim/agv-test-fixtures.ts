// Shared fixtures of the AGV unit tests: the seeded warehouse map, a model standing on a node, and an order builder.
import { readFileSync } from 'node:fs';
import { createRoutePlanner } from '../domain/route-planner';
import type { WarehouseMap } from '../domain/warehouse-map';
import { DEFAULT_BEHAVIOUR } from './behaviour-config';
import { createAgvModel, DEFAULT_AGV_CONFIG, type AgvConfig, type AgvContext, type AgvModel } from './agv-model';
import { stepAgv } from './agv-step';
import { createRobotState } from './robot-behaviour';
import type { OrderMessage, VdaAction } from './vda-inbound';

export const map = JSON.parse(readFileSync(new URL('../../db/seed/warehouse-map.json', import.meta.url), 'utf8')) as WarehouseMap;
export const planner = createRoutePlanner(map);

export function makeCtx(agv: Partial<AgvConfig> = {}): AgvContext {
  return { planner, config: DEFAULT_BEHAVIOUR, agv: { ...DEFAULT_AGV_CONFIG, autonomous: 'never', ...agv } };
}

export function modelAt(nodeId: string): AgvModel {
  const n = planner.node(nodeId);
  if (!n) throw new Error(`no node ${nodeId}`);
  return createAgvModel(createRobotState(7, { x: n.x, y: n.y, theta: Math.PI / 2, nodeId }, 80));
}

/** Steps until `until` holds or `maxSec` passes; returns the simulated seconds taken. */
export function run(m: AgvModel, ctx: AgvContext, maxSec: number, until: (m: AgvModel) => boolean = () => false, dt = 0.1): number {
  let t = 0;
  while (t < maxSec && !until(m)) {
    stepAgv(m, dt, ctx);
    t += dt;
  }
  return t;
}

let header = 0;
/** An order along `nodeIds` with sequenceIds from `firstSeq`; the first `released` nodes are the base. */
export function order(
  orderId: string,
  orderUpdateId: number,
  nodeIds: string[],
  opts: { released?: number; firstSeq?: number; actionsAt?: Record<string, VdaAction[]>; maxSpeed?: number } = {},
): OrderMessage {
  const released = opts.released ?? nodeIds.length;
  const s0 = opts.firstSeq ?? 0;
  return {
    headerId: header++,
    timestamp: new Date(0).toISOString(),
    version: '2.0.0',
    manufacturer: 'SimRobotics',
    serialNumber: 'T-1',
    orderId,
    orderUpdateId,
    nodes: nodeIds.map((nodeId, i) => ({
      nodeId,
      sequenceId: s0 + 2 * i,
      released: i < released,
      actions: opts.actionsAt?.[nodeId] ?? [],
    })),
    edges: nodeIds.slice(1).map((to, i) => ({
      edgeId: planner.edgeBetween(nodeIds[i]!, to)?.id ?? `${nodeIds[i]}-${to}`,
      sequenceId: s0 + 2 * i + 1,
      released: i + 1 < released,
      startNodeId: nodeIds[i]!,
      endNodeId: to,
      ...(opts.maxSpeed !== undefined && { maxSpeed: opts.maxSpeed }),
      actions: [],
    })),
  };
}

export const action = (
  actionId: string,
  actionType: string,
  blockingType: VdaAction['blockingType'] = 'HARD',
  actionParameters?: VdaAction['actionParameters'],
): VdaAction => ({
  actionId,
  actionType,
  blockingType,
  ...(actionParameters && { actionParameters }),
});
