// The JSON text of one simulated robot's visualization and state, written from a prepared template instead of
// building message objects and JSON.stringify-ing them: the same bytes as JSON.stringify of telemetry-objects.ts
// (telemetry-json.unit.test.ts checks it over long runs). Figures from bench/sim-message-cost.ts, 2 slow cores:
// the object path cost 5.1 µs (2.0) / 18.7 µs (3.0) per visualization and 58 / 108 µs per state.
// Tricks, each with what it saves:
// - header and field names are prepared text per robot; numbers and booleans are written with `${}`: the 2.0
//   visualization fell from 5.1 to 1.4 µs, the 3.0 one from 18.7 to 3.2 µs (with the path text below).
// - the timestamp's JSON is made once per timer fire for all its robots (timestampJson), not once per message.
// - arrays that change only on events (nodeStates, edgeStates, actionStates with up to 50 finished instant
//   actions, errors, loads, zone sets and requests, the 3.0 intermediatePath) are kept as JSON text and reused while
//   unchanged (telemetry-fragments.ts): they are 80–90 % of a state's 3.3–3.7 kB: a state fell from 58 to 9 µs (2.0), 108 to 18 µs (3.0).
import type { AgvContext, AgvModel } from './agv-model';
import { REACH_M_PER_PERCENT } from './agv-messages';
import type { IntermediatePath } from './intermediate-path';
import { isDriving } from './robot-behaviour';
import { StateFragments } from './telemetry-fragments';
import { heading, r3 } from './vda-messages';
import { activeEmergencyStopV3 } from './vda-v3';

/** A number as JSON.stringify writes it (non-finite numbers become null). */
const num = (v: number): string => (Number.isFinite(v) ? `${v}` : 'null');

/** The JSON of the last timestamp seen: the fleet's robots share one ISO string per timer fire. */
let lastTimestamp = '';
let lastTimestampJson = '""';
function timestampJson(ts: string): string {
  if (ts !== lastTimestamp) {
    lastTimestamp = ts;
    lastTimestampJson = JSON.stringify(ts);
  }
  return lastTimestampJson;
}

export class TelemetryJson {
  /** `,"version":…,"manufacturer":…,"serialNumber":…` after headerId and timestamp. */
  private readonly head: string;
  private readonly mapId: string;
  private readonly fragments: StateFragments;
  private pathObject: IntermediatePath | undefined;
  private pathText = '';

  constructor(
    header: { version: string; manufacturer: string; serialNumber: string },
    ctx: AgvContext,
    private readonly v3: boolean,
  ) {
    const s = JSON.stringify;
    this.head = `,"version":${s(header.version)},"manufacturer":${s(header.manufacturer)},"serialNumber":${s(header.serialNumber)}`;
    this.mapId = s(ctx.planner.map.mapId);
    this.fragments = new StateFragments(ctx, v3);
  }

  /** `referenceStateHeaderId` and `path` are 3.0's (ignored for 2.0). */
  visualization(
    headerId: number,
    timestamp: string,
    m: AgvModel,
    referenceStateHeaderId: number,
    path: IntermediatePath | undefined,
  ): string {
    const h = this.header(headerId, timestamp);
    if (!this.v3) return `${h},"agvPosition":${this.position(m)},"velocity":${this.velocity(m)}}`;
    return `${h},"velocity":${this.velocity(m)},"referenceStateHeaderId":${num(referenceStateHeaderId)},"mobileRobotPosition":${this.position(m)}${this.path(path)}}`;
  }

  state(headerId: number, timestamp: string, m: AgvModel, path: IntermediatePath | undefined): string {
    const r = m.robot;
    const order = m.mode === 'master' ? m.order : null;
    const master = m.mode === 'master';
    const f = this.fragments.update(m);
    const orderId = master ? (order?.orderId ?? r.orderId) : r.orderId;
    const orderUpdateId = master ? (order?.orderUpdateId ?? r.orderUpdateId) : r.orderUpdateId;
    const top =
      `${this.header(headerId, timestamp)},"orderId":${JSON.stringify(orderId)},"orderUpdateId":${num(orderUpdateId)}` +
      `,"lastNodeId":${JSON.stringify(r.lastNodeId)},"lastNodeSequenceId":${num(r.lastNodeSequenceId)}` +
      `,"driving":${isDriving(r) && m.eStop === 'NONE'},"paused":${r.paused}`;
    const tail = master
      ? `,"newBaseRequest":${m.newBaseRequest},"distanceSinceLastNode":${num(Math.round(m.distanceSinceLastNode * 1000) / 1000)}`
      : '';
    const charge = num(Math.round(r.battery * 10) / 10);
    const reach = num(Math.round(r.battery * REACH_M_PER_PERCENT));
    const fieldViolation = r.errors.some((e) => e.errorType === 'obstacleDetected');
    if (!this.v3) {
      return (
        `${top},"operatingMode":"AUTOMATIC",${f.nodesAndEdges},${f.actionStates}` +
        `,"batteryState":{"batteryCharge":${charge},"charging":${r.charging},"reach":${reach}}` +
        `,"errors":${f.errors},"safetyState":{"eStop":${JSON.stringify(m.eStop)},"fieldViolation":${fieldViolation}}` +
        `,"agvPosition":${this.position(m)},"velocity":${this.velocity(m)},"loads":${f.loads}${tail}}`
      );
    }
    return (
      `${top},"velocity":${this.velocity(m)},"loads":${f.loads}${tail},"operatingMode":"AUTOMATIC",${f.nodesAndEdges}` +
      `,"mobileRobotPosition":${this.position(m)},"powerSupply":{"stateOfCharge":${charge},"charging":${r.charging},"range":${reach}}` +
      `,${f.actionStates},"errors":${f.errors}` +
      `,"safetyState":{"activeEmergencyStop":${JSON.stringify(activeEmergencyStopV3(m.eStop))},"fieldViolation":${fieldViolation}}` +
      `,${f.zones}${this.path(path)}}`
    );
  }

  private header(headerId: number, timestamp: string): string {
    return `{"headerId":${num(headerId)},"timestamp":${timestampJson(timestamp)}${this.head}`;
  }

  /** 2.0 agvPosition or 3.0 mobileRobotPosition (localized for positionInitialized). */
  private position(m: AgvModel): string {
    const p = m.robot.motion;
    const xy = `{"x":${num(r3(p.x))},"y":${num(r3(p.y))},"theta":${num(heading(p.theta))},"mapId":${this.mapId}`;
    return this.v3 ? `${xy},"localized":true}` : `${xy},"positionInitialized":true}`;
  }

  private velocity(m: AgvModel): string {
    return `{"vx":${num(r3(m.robot.motion.speed))},"vy":0,"omega":${num(r3(m.robot.omega))}}`;
  }

  /** `,"intermediatePath":…` (3.0): the cache hands out the same object for a second at a time, so is its text. */
  private path(path: IntermediatePath | undefined): string {
    if (path === undefined) return '';
    if (path !== this.pathObject) {
      this.pathObject = path;
      this.pathText = `,"intermediatePath":${JSON.stringify(path)}`;
    }
    return this.pathText;
  }
}
