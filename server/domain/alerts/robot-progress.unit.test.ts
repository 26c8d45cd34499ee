import { describe, expect, it } from 'vitest';
import type { RobotView } from '../robot';
import { newRobotView } from '../robot-merge';
import { newTracker, stepTracker } from './lifecycle';
import type { ChargeTrack, MotionTrack, RobotFacts } from './robot-facts';
import { chargingNoGain, stuck, trackCharge, trackMotion } from './robot-progress';
import { defaultRule } from './rule-catalogue';

const T = 1_800_000_000_000;
const driving = (x: number, over: Partial<RobotView> = {}): RobotView => ({
  ...newRobotView(7, 'sim', 'SIM-0007'),
  connection: 'ONLINE',
  lastSeenAt: T,
  driving: true,
  pose: { x, y: 0, theta: 0, mapId: 'm' },
  ...over,
});
const facts = (robot: RobotView, motion: MotionTrack | null, charge: ChargeTrack | null = null): RobotFacts => ({
  robot,
  report: null,
  onlineSince: T,
  motion,
  charge,
  traffic: null,
  command: null,
  livenessLimitMs: 30_000,
});

describe('stuck', () => {
  const rule = defaultRule('robot.stuck');

  /** Runs the condition and the center's lifecycle (forSec 0: the condition times it) once per second over x positions. */
  function run(xs: number[], over: Partial<RobotView> = {}) {
    let motion: MotionTrack | null = null;
    const tracker = newTracker();
    const opened: number[] = [];
    xs.forEach((x, i) => {
      const now = T + i * 1000;
      const r = driving(x, over);
      motion = trackMotion(motion, r, now);
      const v = stuck(rule, facts(r, motion), now);
      const step = stepTracker(tracker, { active: v?.active === true, severity: 'warning' }, { ...rule, forSec: 0 }, now, null);
      if (step.kind === 'open') {
        opened.push(i);
        tracker.alertId = 'a';
      }
    });
    return opened;
  }

  it('opens forSec after the robot stopped moving, not 2×forSec', () => {
    const moving = Array.from({ length: 10 }, (_, i) => i * 0.5);
    const stopped = Array.from({ length: 30 }, () => 4.5);
    // Last move seen at second 9; forSec 20 → opens at second 29.
    expect(run([...moving, ...stopped])).toEqual([29]);
  });

  it('never opens while the robot keeps moving, even slowly, or while paused, offline or stale', () => {
    expect(run(Array.from({ length: 60 }, (_, i) => i * 0.06))).toEqual([]);
    expect(
      run(
        Array.from({ length: 60 }, () => 1),
        { paused: true },
      ),
    ).toEqual([]);
    expect(
      run(
        Array.from({ length: 60 }, () => 1),
        { connection: 'CONNECTIONBROKEN' },
      ),
    ).toEqual([]);
    expect(
      run(
        Array.from({ length: 60 }, () => 1),
        { stale: true },
      ),
    ).toEqual([]);
    expect(
      run(
        Array.from({ length: 60 }, () => 1),
        { driving: false },
      ),
    ).toEqual([]);
  });

  it('treats jitter under 5 cm as standing still', () => {
    expect(run(Array.from({ length: 30 }, (_, i) => 1 + (i % 2) * 0.03))).toEqual([20]);
  });

  it('says for how long in the title, counted from when it should have moved', () => {
    let m = trackMotion(null, driving(1), T);
    m = trackMotion(m, driving(1), T + 24_000);
    expect(stuck(rule, facts(driving(1), m), T + 24_000)).toMatchObject({
      active: true,
      title: 'SIM-0007 stuck: driving but has not moved for 24 s',
      detail: { value: 24, since: T },
    });
  });

  it('starts over on another map', () => {
    const m = trackMotion(null, driving(1), T);
    const other = driving(1, { pose: { x: 1, y: 0, theta: 0, mapId: 'm2' } });
    expect(trackMotion(m, other, T + 1000)).toMatchObject({ movedNow: true, since: T + 1000 });
  });
});

describe('charging without gain', () => {
  const rule = defaultRule('robot.charging_no_gain');
  const charging = (battery: number, over: Partial<RobotView> = {}) => driving(0, { driving: false, charging: true, battery, ...over });

  it('is active once charging forSec without the threshold gained, until it is, then starts a new window', () => {
    let c = trackCharge(null, charging(40), 1, T);
    expect(chargingNoGain(rule, facts(charging(40), null, c), T)).toEqual({ active: false });
    expect(chargingNoGain(rule, facts(charging(40), null, c), T + 119_000)).toEqual({ active: false });
    c = trackCharge(c, charging(40.5), 1, T + 130_000);
    expect(chargingNoGain(rule, facts(charging(40.5), null, c), T + 130_000)).toMatchObject({
      active: true,
      title: 'SIM-0007 charging for 130 s without gain (+0.5 %, expected +1 %)',
    });
    c = trackCharge(c, charging(41), 1, T + 131_000);
    expect(c).toMatchObject({ baseline: 41, since: T + 131_000, gainedNow: true });
    expect(chargingNoGain(rule, facts(charging(41), null, c), T + 131_000)).toEqual({ active: false });
  });

  it('measures from the lowest battery when it falls while charging', () => {
    let c = trackCharge(null, charging(40), 1, T);
    c = trackCharge(c, charging(38), 1, T + 10_000);
    expect(c).toMatchObject({ baseline: 38, since: T });
    expect(trackCharge(c, charging(39), 1, T + 20_000)).toMatchObject({ gainedNow: true });
  });

  it('is clear when not charging, offline, or too full to gain the threshold', () => {
    expect(trackCharge(null, charging(40, { charging: false }), 1, T)).toBeNull();
    expect(trackCharge(null, charging(40, { connection: 'OFFLINE' }), 1, T)).toBeNull();
    const c = trackCharge(null, charging(99.5), 1, T);
    expect(chargingNoGain(rule, facts(charging(99.5), null, c), T + 200_000)).toEqual({ active: false });
  });
});
