// One simulation step of an AGV: its own tasks (autonomous mode) or the master control's order, plus battery and
// injected hardware faults. Pure: time comes only from dt.
import { tickActions } from './action-runner';
import { orderActive, takeControl, type AgvContext, type AgvModel } from './agv-model';
import { stepOrder } from './order-executor';
import { stepRobot } from './robot-behaviour';
import { stepZoneAccess } from './zone-access';

function mayRunOwnTasks(m: AgvModel, ctx: AgvContext): boolean {
  if (orderActive(m) || m.eStop !== 'NONE') return false;
  switch (ctx.agv.autonomous) {
    case 'never':
      return false;
    case 'always':
      return true;
    case 'whenIdle':
      return m.robot.time - m.lastControlAt >= ctx.agv.idleResumeSec;
  }
}

function resumeOwnTasks(m: AgvModel): void {
  m.mode = 'autonomous';
  m.order = null;
  m.approach = null;
  m.newBaseRequest = false;
  m.actions = m.actions.filter((a) => a.scope === 'INSTANT'); // finished ones too: see acceptNew (order-accept.ts)
  m.robot = { ...m.robot, activity: m.robot.charging ? 'charging' : 'idle', task: m.robot.charging ? 'charge' : null };
  m.changed = true;
}

function stepMaster(m: AgvModel, dt: number, ctx: AgvContext): void {
  const cfg = ctx.config;
  const prev = m.robot;
  const errors =
    prev.errors.length > 0
      ? prev.errors.map((e) => ({ ...e, clearsInSec: e.clearsInSec - dt })).filter((e) => e.clearsInSec > 0)
      : prev.errors;
  const pauseLeftSec = prev.paused ? prev.pauseLeftSec - dt : prev.pauseLeftSec;
  const paused = prev.paused && pauseLeftSec > 0; // instant-action pauses last forever (Infinity) until stopPause
  const rate = prev.charging ? cfg.chargePerMin : prev.activity === 'driving' ? -cfg.drainDrivingPerMin : -cfg.drainIdlePerMin;
  const battery = Math.min(100, Math.max(0, prev.battery + (rate * dt) / 60));
  if (errors.length !== prev.errors.length || paused !== prev.paused) m.changed = true;
  m.robot = { ...prev, time: prev.time + dt, errors, paused, pauseLeftSec, battery };
  stepOrder(m, dt, ctx);
}

/** Advances the AGV by dt seconds; sets `m.changed` when a state message should go out now. */
export function stepAgv(m: AgvModel, dt: number, ctx: AgvContext): void {
  if (m.mode === 'autonomous' && !mayRunOwnTasks(m, ctx)) takeControl(m, false);
  else if (m.mode === 'master' && mayRunOwnTasks(m, ctx)) resumeOwnTasks(m);

  if (m.mode === 'autonomous') {
    const { state, changed } = stepRobot(m.robot, dt, ctx);
    m.robot = state;
    if (changed) m.changed = true;
    tickActions(m, dt, ctx); // timed instant actions
  } else {
    stepMaster(m, dt, ctx);
  }
  stepZoneAccess(m, ctx); // after moving: what it now stands in or heads into
  if (m.batteryFault) {
    const battery = Math.max(0, m.robot.battery - (ctx.agv.batteryFaultDrainPerMin * dt) / 60);
    m.robot = { ...m.robot, battery };
  }
}
