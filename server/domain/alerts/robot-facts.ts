// What the engine knows about one robot at an evaluation: the live view plus what it tracks itself (fields of the
// last state message the view does not carry, motion, charging gain, message rates, the latest finished command).
// Pure types and a label helper.
import type { CommandStatus } from '../commands/command';
import type { Pose, RobotView } from '../robot';
import type { RuleParams, Verdict } from './verdict';

/** A rule's condition on one robot: null when the facts to judge it are missing (unknown is not clear). */
export type RobotCondition = (rule: RuleParams, f: RobotFacts, now: number) => Verdict | null;

/** Fields of the robot's last state message that RobotView leaves out. */
export interface StateReport {
  /** Epoch ms the message arrived. */
  at: number;
  /** safetyState.eStop: 'NONE', 'AUTOACK', 'MANUAL', 'REMOTE'. */
  eStop: string | null;
  localizationScore: number | null;
  positionInitialized: boolean | null;
}

export interface MotionTrack {
  /** Where the robot was when it last moved 5 cm, or when it began to be expected to move. */
  anchor: Pose;
  /** Epoch ms of that. */
  since: number;
  /** It moved 5 cm since the previous evaluation (the anchor was reset now). */
  movedNow: boolean;
}

export interface ChargeTrack {
  /** The lowest battery since the window began (a charge measured from there). */
  baseline: number;
  /** Epoch ms the window began: charging started, or the battery last gained the threshold. */
  since: number;
  /** The battery gained the threshold since the previous evaluation (the window restarted now). */
  gainedNow: boolean;
}

/** Shares of the robot's messages over the last minute, in %; null while too few messages to judge. */
export interface TrafficRates {
  invalidPct: number | null;
  lossPct: number | null;
  /** Messages received (and lost) in the window. */
  messages: number;
  invalid: number;
  lost: number;
  windowSec: number;
}

/** The robot's latest finished command that decides command.failed (succeeded clears, a failure fires). */
export interface CommandOutcome {
  commandId: string;
  type: string;
  status: CommandStatus;
  finishedAt: number;
  outcome: string | null;
  traceId: string | null;
}

export interface RobotFacts {
  robot: RobotView;
  /** Null until the first state message since the engine started. */
  report: StateReport | null;
  /** Since when the robot has been ONLINE without a break as far as the engine saw (null while it is not). */
  onlineSince: number | null;
  motion: MotionTrack | null;
  charge: ChargeTrack | null;
  traffic: TrafficRates | null;
  /** Null when no command of the robot has finished since the engine started (unknown, not clear). */
  command: CommandOutcome | null;
  /** Silence past which an ONLINE robot counts as offline (the liveness worker's limit). */
  livenessLimitMs: number;
}

/** How a person knows the robot: its name, which defaults to the serial number. */
export const robotLabel = (r: Pick<RobotView, 'name' | 'serialNumber'>): string => r.name || r.serialNumber;
