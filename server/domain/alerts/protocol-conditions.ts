// Protocol rates per robot: shares of invalid and lost (headerId gaps) messages over the last minute, from the
// deltas of the protocol monitor's counters sampled at each evaluation. Pure.
import { robotLabel, type RobotCondition, type TrafficRates } from './robot-facts';
import { CLEAR, firing, fmt, severityAbove, thresholdOf } from './verdict';

export const TRAFFIC_WINDOW_MS = 60_000;
/** A sample is kept at most this often: 13 per robot cover the window. */
export const TRAFFIC_SAMPLE_MS = 5_000;
/** Fewer messages than this in the window are too few to judge a share by (2 of 3 is not a 66 % loss rate). */
export const MIN_TRAFFIC_MESSAGES = 20;

/** The monitor's counters at one instant (totals since it began watching the robot). */
export interface TrafficSample {
  at: number;
  received: number;
  invalid: number;
  lost: number;
}

/**
 * Adds the counters read now to the robot's samples (oldest first, changed in place) and returns the rates over
 * the window. Counters that went down (the monitor forgot the robot) start the window over.
 */
export function sampleTraffic(samples: TrafficSample[], cur: TrafficSample): TrafficRates {
  const last = samples.at(-1);
  if (last && (cur.received < last.received || cur.invalid < last.invalid || cur.lost < last.lost)) samples.length = 0;
  const newest = samples.at(-1);
  if (!newest || cur.at - newest.at >= TRAFFIC_SAMPLE_MS) samples.push(cur);
  // Keep one sample at or before the window's start as the baseline.
  while (samples.length > 1 && samples[1]!.at <= cur.at - TRAFFIC_WINDOW_MS) samples.shift();
  const base = samples[0]!;
  const messages = cur.received - base.received;
  const invalid = cur.invalid - base.invalid;
  const lost = cur.lost - base.lost;
  return {
    invalidPct: messages >= MIN_TRAFFIC_MESSAGES ? (100 * invalid) / messages : null,
    lossPct: messages + lost >= MIN_TRAFFIC_MESSAGES ? (100 * lost) / (messages + lost) : null,
    messages,
    invalid,
    lost,
    windowSec: Math.round((cur.at - base.at) / 1000),
  };
}

/** Share of invalid messages above the threshold (%). */
export const invalidRate: RobotCondition = (rule, { robot: r, traffic }) => {
  if (!traffic) return null;
  const threshold = thresholdOf(rule);
  const pct = traffic.invalidPct;
  if (pct === null || pct <= threshold) return CLEAR;
  return firing(
    rule,
    `${robotLabel(r)}: ${fmt(pct)} % of messages invalid in the last ${traffic.windowSec} s (threshold ${fmt(threshold)} %)`,
    { value: pct, threshold, invalid: traffic.invalid, messages: traffic.messages, windowSec: traffic.windowSec },
    severityAbove(rule, pct),
  );
};

/** Share of messages lost (headerId gaps) above the threshold (%). */
export const lossRate: RobotCondition = (rule, { robot: r, traffic }) => {
  if (!traffic) return null;
  const threshold = thresholdOf(rule);
  const pct = traffic.lossPct;
  if (pct === null || pct <= threshold) return CLEAR;
  return firing(
    rule,
    `${robotLabel(r)}: ${fmt(pct)} % of messages lost in the last ${traffic.windowSec} s (threshold ${fmt(threshold)} %)`,
    { value: pct, threshold, lost: traffic.lost, messages: traffic.messages, windowSec: traffic.windowSec },
    severityAbove(rule, pct),
  );
};
