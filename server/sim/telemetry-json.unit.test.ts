// The text a simulated robot publishes (TelemetryJson: a template with cached fragments) is byte for byte the
// JSON.stringify of the straightforward message objects (telemetry-objects.ts), for 2.0 and 3.0, tick after tick
// through orders with node actions, node and edge descriptions, instant actions, pauses, a rejected order, an
// emergency stop, a battery fault, a cancelled order, zone traffic and the robot's own tasks and incidents.
import { describe, expect, it } from 'vitest';
import { DEFAULT_BEHAVIOUR } from './behaviour-config';
import type { AgvContext, AgvModel } from './agv-model';
import { stepAgv } from './agv-step';
import { action, makeCtx, modelAt, order, planner } from './agv-test-fixtures';
import { IntermediatePathCache } from './intermediate-path';
import { deliver } from './robot-inbox';
import { TelemetryJson } from './telemetry-json';
import { stateObject, visualizationObject } from './telemetry-objects';
import { HeaderSequence } from './vda-messages';
import { respond, sendZoneSet } from './zone-test-fixtures';

const T0 = Date.parse('2026-12-03T08:00:00.000Z');

interface Seen {
  ticks: number;
  texts: Set<string>;
}

/** Steps `m` for `ticks` and checks every `every`-th tick's visualization and state; `script` acts before each step. */
function compare(m: AgvModel, ctx: AgvContext, v3: boolean, ticks: number, script: (tick: number) => void, every = 1): Seen {
  const version = v3 ? '3.0.0' : '2.0.0';
  const json = new TelemetryJson({ version, manufacturer: 'Sim"Robotics', serialNumber: 'T-1' }, ctx, v3);
  const headers = new HeaderSequence('Sim"Robotics', 'T-1', version);
  const path = new IntermediatePathCache();
  const seen: Seen = { ticks: 0, texts: new Set() };
  for (let tick = 0; tick < ticks; tick++) {
    script(tick);
    stepAgv(m, 0.1, ctx);
    if (tick % every !== 0) continue;
    // Several ticks share one timestamp, as robots in one timer fire do.
    const ts = new Date(T0 + Math.floor(tick / 3) * 300).toISOString();
    const p = v3 ? path.get(m, ctx, ts) : undefined;
    const ref = headers.last('state');
    const hv = headers.next('visualization', ts);
    const vis = json.visualization(hv.headerId, ts, m, ref, p);
    expect(vis, `visualization at tick ${tick}`).toBe(JSON.stringify(visualizationObject(hv, m, ctx, v3, ref, p)));
    const hs = headers.next('state', ts);
    const state = json.state(hs.headerId, ts, m, p);
    const object = stateObject(hs, m, ctx, v3, p);
    expect(state, `state at tick ${tick}`).toBe(JSON.stringify(object));
    if (tick % 50 === 0) expect(JSON.parse(state)).toEqual(object);
    seen.ticks++;
    seen.texts.add(state.replace(/"headerId":\d+,"timestamp":"[^"]*"/, ''));
  }
  return seen;
}

/** The strings no state of the run contained (the scenario did not reach what it meant to cover). */
const missing = (seen: Seen, wanted: string[]) => wanted.filter((w) => ![...seen.texts].some((t) => t.includes(w)));

const instant = (m: AgvModel, ctx: AgvContext, actionId: string, type: string) =>
  deliver(m, 'instantActions', JSON.stringify({ ...order('x', 0, ['dock-1']), actions: [action(actionId, type, 'HARD')] }), ctx);

/** A master control's script: orders with actions and descriptions, instant actions, faults, a cancel. */
function masterScript(m: AgvModel, ctx: AgvContext) {
  let n = 0;
  const next = (to: string, id: string) => {
    const path = planner.shortestPath(m.robot.lastNodeId, to)!;
    const o = order(id, 0, path, {
      actionsAt: {
        [path[1]!]: [action(`${id}-fine`, 'finePositioning', 'NONE'), action(`${id}-init`, 'initPosition', 'NONE')],
        [path[path.length - 1]!]: [
          { ...action(`${id}-pick`, 'pick', 'HARD', [{ key: 'loadId', value: `L-${id}` }]), actionDescription: 'pick it' },
        ],
      },
      // The first order keeps its last node as horizon until an update, so newBaseRequest is reported too.
      released: id === 'o-0' ? path.length - 1 : path.length,
    });
    o.nodes[1] = { ...o.nodes[1]!, nodeDescription: 'first "stop"' };
    o.edges[0] = { ...o.edges[0]!, edgeDescription: 'out of the dock' };
    return deliver(m, 'order', JSON.stringify(o), ctx);
  };
  const targets = ['dock-5', 'chg-1', 'dock-2', 'conv-a-in', 'dock-8'];
  return (tick: number) => {
    if (tick === 0 || (m.order?.done && tick % 10 === 0)) next(targets[n % targets.length]!, `o-${n++}`);
    if (m.order?.orderId === 'o-0' && m.newBaseRequest && tick % 10 === 0) {
      const o = order('o-0', 1, [m.order.baseEnd.nodeId, ...m.order.nodes.filter((x) => !x.released).map((x) => x.nodeId)], {
        firstSeq: m.order.baseEnd.sequenceId,
      });
      deliver(m, 'order', JSON.stringify(o), ctx);
    }
    if (tick === 30) instant(m, ctx, 'p-1', 'startPause');
    if (tick === 70) instant(m, ctx, 'p-2', 'stopPause');
    if (tick === 90) instant(m, ctx, 'sr-1', 'stateRequest');
    if (tick === 120) deliver(m, 'order', JSON.stringify(order('bad', 0, ['dock-9', 'n-002'])), ctx); // rejected: an error
    if (tick === 150) m.eStop = 'AUTOACK';
    if (tick === 180) m.eStop = 'NONE';
    if (tick === 200) m.batteryFault = true;
    if (tick === 260) m.batteryFault = false;
    if (tick === 400) instant(m, ctx, 'c-1', 'cancelOrder');
    if (tick === 700) deliver(m, 'order', '{"not":"an order"', ctx);
  };
}

describe('TelemetryJson writes exactly what the message objects serialise to', () => {
  for (const v3 of [false, true]) {
    const p = v3 ? '3.0' : '2.0';
    it(`${p}: a master-controlled robot through orders, instant actions, errors and faults, every tick`, () => {
      const ctx = makeCtx();
      const m = modelAt('dock-1');
      if (v3) sendZoneSet(m);
      const script = masterScript(m, ctx);
      const seen = compare(m, ctx, v3, 3000, (tick) => {
        script(tick);
        // Fleet control grants what the robot asks, a while later, with a short lease.
        for (const r of m.zones.requests) if (r.status === 'REQUESTED' && tick % 15 === 0) respond(m, r.requestId, 'GRANTED', 20);
      });
      expect(seen.ticks).toBe(3000);
      const wanted = [
        ...['"paused":true', 'FINISHED', 'FAILED', 'RUNNING', '"loadId":"L-o-', '"newBaseRequest":true', '"orderUpdateId":1'],
        ...['batteryFault', 'emergencyStop', 'validationError', '"orderId":"o-4"'],
        ...(v3
          ? ['nodeDescriptor', 'edgeDescriptor', 'actionDescriptor', '"activeEmergencyStop":"MANUAL"', 'initializePosition']
          : ['nodeDescription', 'edgeDescription', 'actionDescription', '"eStop":"AUTOACK"', 'initPosition']),
        ...(v3 ? ['instantActionStates":[{', 'GRANTED', 'REQUESTED', 'intermediatePath'] : []),
      ];
      expect(missing(seen, wanted)).toEqual([]);
      expect(seen.texts.size).toBeGreaterThan(500);
    });

    it(`${p}: a robot on its own tasks with pauses, warnings and fatal errors, every 7th tick`, () => {
      const ctx: AgvContext = {
        ...makeCtx({ autonomous: 'always' }),
        config: { ...DEFAULT_BEHAVIOUR, pausesPerMin: 3, warningsPerMin: 3, fatalsPerMin: 1, drainDrivingPerMin: 10 },
      };
      const m = modelAt('n-002');
      const seen = compare(m, ctx, v3, 6000, (tick) => tick === 500 && instant(m, ctx, 'sr-9', 'stateRequest'), 7);
      expect(missing(seen, ['WARNING', 'FATAL', '"paused":true', '"driving":true', 'sr-9', '"nodeStates":[{'])).toEqual([]);
    });
  }
});
