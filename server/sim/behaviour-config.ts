// Tuning of the simulated robots' behaviour: battery rates and how often incidents happen.
import { DEFAULT_LIMITS, type MotionLimits } from './kinematics';

export interface BehaviourConfig {
  limits: MotionLimits;
  /** Battery percentage points per minute. */
  drainDrivingPerMin: number;
  drainIdlePerMin: number;
  chargePerMin: number;
  chargeBelow: number;
  chargeUntil: number;
  workSeconds: [number, number];
  /** Expected occurrences per minute of driving. */
  pausesPerMin: number;
  warningsPerMin: number;
  fatalsPerMin: number;
  pauseSeconds: [number, number];
  warningSeconds: [number, number];
  fatalSeconds: [number, number];
}

export const DEFAULT_BEHAVIOUR: BehaviourConfig = {
  limits: DEFAULT_LIMITS,
  drainDrivingPerMin: 0.8,
  drainIdlePerMin: 0.2,
  chargePerMin: 5,
  chargeBelow: 25,
  chargeUntil: 90,
  workSeconds: [4, 15],
  pausesPerMin: 0.3,
  warningsPerMin: 0.15,
  fatalsPerMin: 0.01,
  pauseSeconds: [2, 6],
  warningSeconds: [3, 10],
  fatalSeconds: [10, 30],
};
