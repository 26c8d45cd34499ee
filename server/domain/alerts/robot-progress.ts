// Conditions about progress over time: stuck (driving but not moving) and charging without gain. Each keeps a small
// track per robot, advanced once per evaluation, and judges the rule's forSec itself: active once progress has
// stopped for forSec (the center opens at once for these rules, TIMED_BY_CONDITION). Counting in the center instead
// would need "not moved since the last evaluation", which a robot whose poses come slower than the evaluations
// satisfies between every two poses: its alert would flap instead of resolving. A robot that progresses resets its
// track; one creeping slower than 5 cm per forSec stays active. Pure.
import type { Pose, RobotView } from '../robot';
import { robotLabel, type ChargeTrack, type MotionTrack, type RobotCondition } from './robot-facts';
import { CLEAR, firing, fmt, secondsBetween, thresholdOf } from './verdict';

/** A move shorter than this is jitter, not progress. */
export const STUCK_DISTANCE_M = 0.05;

/** Expected to move: reports driving, not paused, ONLINE and heard from, with a pose. */
export function expectedToMove(r: RobotView): r is RobotView & { pose: Pose } {
  return r.connection === 'ONLINE' && !r.stale && r.driving && !r.paused && r.pose !== null;
}

/** The next motion track; null while the robot is not expected to move. */
export function trackMotion(prev: MotionTrack | null, r: RobotView, now: number): MotionTrack | null {
  if (!expectedToMove(r)) return null;
  const p = r.pose;
  if (!prev) return { anchor: p, since: now, movedNow: false };
  const a = prev.anchor;
  if (p.mapId !== a.mapId || Math.hypot(p.x - a.x, p.y - a.y) >= STUCK_DISTANCE_M) return { anchor: p, since: now, movedNow: true };
  return prev.movedNow ? { ...prev, movedNow: false } : prev;
}

/** Driving, not paused, and not moved 5 cm for forSec. */
export const stuck: RobotCondition = (rule, { robot: r, motion }, now) => {
  if (!motion || motion.movedNow || now - motion.since < rule.forSec * 1000) return CLEAR;
  const stillSec = secondsBetween(motion.since, now);
  return firing(rule, `${robotLabel(r)} stuck: driving but has not moved for ${stillSec} s`, {
    value: stillSec,
    since: motion.since,
    pose: { x: motion.anchor.x, y: motion.anchor.y, mapId: motion.anchor.mapId },
  });
};

/** The next charge track; null while the robot is not charging (or offline, or its battery is unknown). */
export function trackCharge(prev: ChargeTrack | null, r: RobotView, gainPct: number, now: number): ChargeTrack | null {
  if (r.connection !== 'ONLINE' || !r.charging || r.battery === null) return null;
  const b = r.battery;
  if (!prev) return { baseline: b, since: now, gainedNow: false };
  if (b - prev.baseline >= gainPct) return { baseline: b, since: now, gainedNow: true };
  if (b < prev.baseline) return { baseline: b, since: prev.since, gainedNow: false };
  return prev.gainedNow ? { ...prev, gainedNow: false } : prev;
}

/** Charging for forSec without the battery rising by the threshold. */
export const chargingNoGain: RobotCondition = (rule, { robot: r, charge }, now) => {
  if (!charge || charge.gainedNow || r.battery === null || now - charge.since < rule.forSec * 1000) return CLEAR;
  const expected = thresholdOf(rule);
  // A battery this close to full cannot gain the threshold: topping off is not a fault.
  if (r.battery + expected > 100) return CLEAR;
  const gained = r.battery - charge.baseline;
  const forSec = secondsBetween(charge.since, now);
  return firing(rule, `${robotLabel(r)} charging for ${forSec} s without gain (+${fmt(gained)} %, expected +${fmt(expected)} %)`, {
    value: gained,
    threshold: expected,
    battery: r.battery,
    since: charge.since,
  });
};
