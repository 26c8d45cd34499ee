// The VDA 5050 3.0 intermediatePath of a simulated robot: the next few nodes of the route it drives (its order's
// released nodes, or its own task's route) with the time it expects to reach each, from its speed limits and turn
// rate. Visualization goes out at 10 Hz for hundreds of robots, so the path is worked out only when the route
// changed or a simulated second passed, and otherwise handed out as the same object: no allocation per tick.
import type { PathPoint } from '../domain/vda5050/messages';
import type { AgvContext, AgvModel } from './agv-model';
import { type Point, wrapAngle } from './kinematics';
import { heading, r3 } from './vda-messages';

export interface IntermediatePath {
  polyline: PathPoint[];
}

/** Points reported ahead of the robot. */
export const MAX_PATH_POINTS = 10;
/** Longest a path is reused while the route stays the same (its ETAs drift as the robot speeds up or waits). */
const REFRESH_SEC = 1;
const EPS = 1e-6;

/** The path ahead from the robot's pose with ETAs after `nowMs`; undefined when it drives no route. */
export function intermediatePath(m: AgvModel, ctx: AgvContext, nowMs: number): IntermediatePath | undefined {
  const order = m.order;
  const own = m.robot;
  if (m.mode === 'master' ? !order || order.done : own.activity !== 'driving') return undefined;

  const limits = ctx.config.limits;
  const polyline: PathPoint[] = [];
  let from: Point = own.motion;
  let theta = own.motion.theta;
  let sec = 0;
  const add = (p: Point, maxSpeed = Infinity): void => {
    const d = Math.hypot(p.x - from.x, p.y - from.y);
    if (d < EPS) return; // standing on it
    const dir = Math.atan2(p.y - from.y, p.x - from.x);
    // Turns on the spot, then drives at its speed limit: acceleration is left out, ETAs are a plan, not a promise.
    sec += Math.abs(wrapAngle(dir - theta)) / limits.maxTurnRate + d / Math.min(limits.maxSpeed, maxSpeed);
    polyline.push({ x: r3(p.x), y: r3(p.y), theta: heading(dir), eta: new Date(nowMs + sec * 1000).toISOString() });
    from = p;
    theta = dir;
  };

  if (m.mode === 'master' && order) {
    if (m.approach) add(m.approach);
    for (const n of order.nodes) {
      if (!n.released || polyline.length >= MAX_PATH_POINTS) break;
      add(n, order.edges.find((e) => e.sequenceId === n.sequenceId - 1)?.maxSpeed);
    }
  } else {
    for (let i = own.next; i < own.routePoints.length && polyline.length < MAX_PATH_POINTS; i++) add(own.routePoints[i]!);
  }
  return polyline.length > 0 ? { polyline } : undefined;
}

/** One robot's intermediatePath, reused between ticks while its route is unchanged and younger than a second. */
export class IntermediatePathCache {
  private route: unknown = null;
  private via: unknown = null;
  private next = -1;
  private at = -Infinity;
  private value: IntermediatePath | undefined;

  /** `timestamp`: the message's ISO time, from which ETAs count (parsed only when the path is worked out anew). */
  get(m: AgvModel, ctx: AgvContext, timestamp: string): IntermediatePath | undefined {
    // Arrays are replaced, never mutated, when a node is reached or an order changes: identity tells a new route.
    const master = m.mode === 'master';
    const route = master ? m.order?.nodes : m.robot.route;
    const via = master ? m.approach : m.robot.activity;
    const next = master ? 0 : m.robot.next;
    const time = m.robot.time;
    if (route === this.route && via === this.via && next === this.next && time - this.at < REFRESH_SEC && time >= this.at)
      return this.value;
    this.route = route;
    this.via = via;
    this.next = next;
    this.at = time;
    const nowMs = Date.parse(timestamp);
    this.value = intermediatePath(m, ctx, Number.isFinite(nowMs) ? nowMs : Date.now());
    return this.value;
  }
}
