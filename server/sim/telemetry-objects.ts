// The straightforward builders of a simulated robot's telemetry as message objects (2.0 or 3.0), as SimRobot always
// built them: the protocol-reading reference. The robot publishes text from telemetry-json.ts, which must equal
// JSON.stringify of these (telemetry-json.unit.test.ts); these are still used where a fault needs the object.
import type { StateMessage, VdaHeader } from '../domain/vda5050/messages';
import { buildAgvState } from './agv-messages';
import type { AgvContext, AgvModel } from './agv-model';
import type { IntermediatePath } from './intermediate-path';
import { buildVisualization } from './vda-messages';
import { stateToV3, visualizationToV3 } from './vda-v3';
import { zoneRequestsReport, zoneSetsReport } from './zone-traffic';

/** The actionIds that came as instant actions (3.0 reports them in instantActionStates). */
export const instantIds = (m: AgvModel): Set<string> =>
  new Set(m.actions.filter((a) => a.scope === 'INSTANT').map((a) => a.action.actionId));

/** `path`: the 3.0 intermediatePath of this tick; `referenceStateHeaderId`: the headerId of the last state (3.0). */
export function visualizationObject(
  h: VdaHeader,
  m: AgvModel,
  ctx: AgvContext,
  v3: boolean,
  referenceStateHeaderId: number,
  path: IntermediatePath | undefined,
): object {
  const v = buildVisualization(h, m.robot, ctx.planner.map.mapId);
  return v3 ? visualizationToV3(v, referenceStateHeaderId, path) : v;
}

/** `keepTraversed`: the fault of that name (the node just passed stays in nodeStates). */
export function stateObject(
  h: VdaHeader,
  m: AgvModel,
  ctx: AgvContext,
  v3: boolean,
  path: IntermediatePath | undefined,
  keepTraversed = false,
): object {
  const s = keepTraversed ? withTraversedNode(buildAgvState(h, m, ctx)) : buildAgvState(h, m, ctx);
  if (!v3) return s;
  const extras = { zoneSets: zoneSetsReport(m.zones), zoneRequests: zoneRequestsReport(m.zones), intermediatePath: path };
  return stateToV3(s, instantIds(m), extras);
}

/** The state with the node just passed still in nodeStates (keepTraversed). */
function withTraversedNode(s: StateMessage): StateMessage {
  if (!s.orderId || !s.lastNodeId || s.nodeStates.some((n) => n.sequenceId <= s.lastNodeSequenceId)) return s;
  return { ...s, nodeStates: [{ nodeId: s.lastNodeId, sequenceId: s.lastNodeSequenceId, released: true }, ...s.nodeStates] };
}
