// The parts of one robot's state that change only on events, kept as JSON text and written anew only when their
// inputs changed (telemetry-json.ts splices them in). Each is the JSON.stringify of the very builder the message
// objects use (agv-messages.ts, vda-messages.ts, vda-v3.ts), so the text cannot drift from them. A change is told
// by identity, since the model replaces those arrays rather than mutating them; the exceptions, an action's status
// and result and a zone request's status, which are set in place, are compared one by one: a loop of string compares,
// where rebuilding and serialising the action states was most of a state's 58 µs (bench/sim-message-cost.ts).
import type { AgvContext, AgvModel } from './agv-model';
import { agvActionStates, agvErrors, orderEdgeStates, orderNodeStates } from './agv-messages';
import { instantIds } from './telemetry-objects';
import { routeStates } from './vda-messages';
import { actionStatesV3, edgeStatesV3, errorsV3, nodeStatesV3 } from './vda-v3';
import { zoneRequestsReport, zoneSetsReport } from './zone-traffic';

export interface Fragments {
  /** `"nodeStates":[…],"edgeStates":[…]` */
  nodesAndEdges: string;
  /** 2.0 `"actionStates":[…]`; 3.0 `"actionStates":[…],"instantActionStates":[…]` */
  actionStates: string;
  /** The errors array. */
  errors: string;
  /** The loads array. */
  loads: string;
  /** 3.0 `"zoneSets":[…],"zoneRequests":[…]` (empty for 2.0). */
  zones: string;
}

const NONE = Symbol('none');

/** One fragment's text and the inputs it was written from. */
class Memo {
  text = '';
  private readonly keys: unknown[] = [NONE, NONE, NONE, NONE];

  /** True (and the new inputs remembered) when any input differs from last time. */
  stale(a: unknown, b: unknown, c: unknown, d: unknown): boolean {
    const k = this.keys;
    if (k[0] === a && k[1] === b && k[2] === c && k[3] === d) return false;
    k[0] = a;
    k[1] = b;
    k[2] = c;
    k[3] = d;
    return true;
  }
}

/** Whether `values[i]` differs from `seen[i]` for any i, remembering `values` for next time. */
function changedInPlace(seen: unknown[], values: readonly unknown[]): boolean {
  let changed = seen.length !== values.length;
  if (changed) seen.length = values.length;
  for (let i = 0; i < values.length; i++) {
    if (seen[i] !== values[i]) {
      seen[i] = values[i];
      changed = true;
    }
  }
  return changed;
}

export class StateFragments {
  private readonly out: Fragments = { nodesAndEdges: '', actionStates: '', errors: '', loads: '', zones: '' };
  private readonly orderStates = new Memo();
  private readonly routeStates = new Memo();
  private readonly actions = new Memo();
  private readonly actionSeen: unknown[] = [];
  private readonly actionValues: unknown[] = [];
  private readonly errors = new Memo();
  private readonly loads = new Memo();
  private readonly zones = new Memo();
  private readonly zoneSeen: unknown[] = [];

  constructor(
    private readonly ctx: AgvContext,
    private readonly v3: boolean,
  ) {}

  update(m: AgvModel): Fragments {
    const out = this.out;
    const r = m.robot;
    if (m.mode === 'master') {
      const memo = this.orderStates;
      if (memo.stale(m.order, m.order?.nodes, m.order?.edges, null))
        memo.text = this.nodesAndEdges(orderNodeStates(m.order), orderEdgeStates(m.order));
      out.nodesAndEdges = memo.text;
    } else {
      const memo = this.routeStates;
      if (memo.stale(r.route, r.next, r.lastNodeId, r.lastNodeSequenceId)) {
        const { nodeStates, edgeStates } = routeStates(r, this.ctx.planner);
        memo.text = this.nodesAndEdges(nodeStates, edgeStates);
      }
      out.nodesAndEdges = memo.text;
    }

    // Status and result are set in place on the tracked actions: compared pairwise, without allocating.
    const values = this.actionValues;
    values.length = m.actions.length * 2;
    for (let i = 0; i < m.actions.length; i++) {
      values[2 * i] = m.actions[i]!.status;
      values[2 * i + 1] = m.actions[i]!.resultDescription;
    }
    const inPlace = changedInPlace(this.actionSeen, values);
    if (this.actions.stale(m.mode, m.actions, r.actionStates, null) || inPlace) {
      const list = agvActionStates(m);
      if (this.v3) {
        const [order, instant] = actionStatesV3(list, instantIds(m));
        this.actions.text = `"actionStates":${JSON.stringify(order)},"instantActionStates":${JSON.stringify(instant)}`;
      } else this.actions.text = `"actionStates":${JSON.stringify(list)}`;
    }
    out.actionStates = this.actions.text;

    if (this.errors.stale(r.errors, m.errors, m.eStop, m.batteryFault)) {
      const errors = agvErrors(m);
      this.errors.text = JSON.stringify(this.v3 ? errorsV3(errors) : errors);
    }
    out.errors = this.errors.text;

    if (this.loads.stale(m.loads, null, null, null)) this.loads.text = JSON.stringify(m.loads);
    out.loads = this.loads.text;

    if (this.v3) {
      const z = m.zones;
      const statusChanged = changedInPlace(
        this.zoneSeen,
        z.requests.map((q) => q.status),
      );
      if (this.zones.stale(z.sets, z.requests, null, null) || statusChanged)
        this.zones.text = `"zoneSets":${JSON.stringify(zoneSetsReport(z))},"zoneRequests":${JSON.stringify(zoneRequestsReport(z))}`;
      out.zones = this.zones.text;
    }
    return out;
  }

  private nodesAndEdges(nodeStates: Parameters<typeof nodeStatesV3>[0], edgeStates: Parameters<typeof edgeStatesV3>[0]): string {
    const n = this.v3 ? nodeStatesV3(nodeStates) : nodeStates;
    const e = this.v3 ? edgeStatesV3(edgeStates) : edgeStates;
    return `"nodeStates":${JSON.stringify(n)},"edgeStates":${JSON.stringify(e)}`;
  }
}
