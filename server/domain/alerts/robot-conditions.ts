// Instantaneous robot conditions: battery, offline, e-stop, errors, localisation, state silence. Each returns
// whether it holds now (the center applies forSec/clearSec), or null when the facts to judge it are missing
// (unknown is not clear: a null produces no observation). What the robot last reported stands while it is
// offline (an e-stop does not count as released because the robot died); the offline rule covers the silence.
import { STALE_AFTER_MS } from '../robot';
import type { VdaError } from '../vda5050/messages';
import { robotLabel, type RobotCondition } from './robot-facts';
import { CLEAR, firing, fmt, secondsBetween, severityBelow, thresholdOf } from './verdict';

const MAX_DESCRIPTION = 120;
const clip = (s: string | undefined) => (s && s.length > MAX_DESCRIPTION ? `${s.slice(0, MAX_DESCRIPTION - 1)}…` : (s ?? ''));
const errorLine = (e: VdaError) => (e.errorDescription ? `${e.errorType}: ${clip(e.errorDescription)}` : e.errorType);
/** The first few errors, for the detail (bounded whatever the robot sends). */
const errorList = (es: VdaError[]) =>
  es.slice(0, 5).map((e) => ({ type: e.errorType, level: e.errorLevel, description: clip(e.errorDescription) }));
const more = (n: number) => (n > 1 ? ` (+${n - 1} more)` : '');

/** Battery below the threshold and not charging; critical below the critical threshold. */
export const batteryLow: RobotCondition = (rule, { robot: r }) => {
  if (r.battery === null) return null;
  const threshold = thresholdOf(rule);
  if (r.charging || r.battery >= threshold) return CLEAR;
  const severity = severityBelow(rule, r.battery);
  const limit = severity === 'critical' ? rule.criticalThreshold : threshold;
  return firing(
    rule,
    `${robotLabel(r)} battery at ${fmt(r.battery)} % (below ${fmt(limit ?? threshold)} %)`,
    {
      value: r.battery,
      threshold,
      criticalThreshold: rule.criticalThreshold,
    },
    severity,
  );
};

/** Connection OFFLINE or CONNECTIONBROKEN, or ONLINE but silent past the liveness limit. A robot never heard from
 * since the app started is not reported (the registry keeps robots that may be retired). */
export const offline: RobotCondition = (rule, { robot: r, livenessLimitMs }, now) => {
  if (r.lastSeenAt === null) return null;
  const silentMs = now - r.lastSeenAt;
  if (r.connection === 'ONLINE' && silentMs < livenessLimitMs) return CLEAR;
  const how = r.connection === 'CONNECTIONBROKEN' ? 'connection broken' : r.connection === 'OFFLINE' ? 'offline' : 'silent';
  return firing(rule, `${robotLabel(r)} ${how}: last heard ${secondsBetween(r.lastSeenAt, now)} s ago`, {
    connection: r.connection,
    since: r.lastSeenAt,
  });
};

/** safetyState.eStop other than NONE in the last state message, or an emergencyStop error. */
export const emergencyStop: RobotCondition = (rule, { robot: r, report }) => {
  const eStop = report?.eStop && report.eStop !== 'NONE' ? report.eStop : null;
  const error = r.errors.find((e) => e.errorType.toLowerCase() === 'emergencystop');
  if (!eStop && !error) return CLEAR;
  return firing(rule, `${robotLabel(r)} emergency stop${eStop ? ` (${eStop})` : ''}`, {
    eStop: eStop ?? report?.eStop ?? null,
    error: error ? errorLine(error) : null,
  });
};

/** Any error of level FATAL but an emergency stop's, which robot.emergency_stop already raises (one alert, not two). */
export const fatalError: RobotCondition = (rule, { robot: r }) => {
  const fatal = r.errors.filter((e) => e.errorLevel === 'FATAL' && e.errorType !== 'emergencyStop');
  if (fatal.length === 0) return CLEAR;
  return firing(rule, `${robotLabel(r)} FATAL error ${errorLine(fatal[0]!)}${more(fatal.length)}`, { errors: errorList(fatal) });
};

/**
 * An error below FATAL is present; the center turns "present" into "for the duration". VDA 5050 has no ERROR
 * level (WARNING and FATAL only): FATAL has its own rule, so this one watches the rest (WARNING, and any other
 * level a robot sends) rather than raise a second alert for the same FATAL error.
 */
export const errorLasting: RobotCondition = (rule, { robot: r }) => {
  const errors = r.errors.filter((e) => e.errorLevel !== 'FATAL');
  if (errors.length === 0) return CLEAR;
  return firing(rule, `${robotLabel(r)} reports error ${errorLine(errors[0]!)}${more(errors.length)}`, { errors: errorList(errors) });
};

/** localizationScore below the threshold, or positionInitialized false, in the last state message. */
export const localizationLow: RobotCondition = (rule, { robot: r, report }) => {
  if (!report) return null;
  const threshold = thresholdOf(rule);
  if (report.positionInitialized === false)
    return firing(rule, `${robotLabel(r)} position not initialised`, { positionInitialized: false, since: report.at });
  const score = report.localizationScore;
  if (score === null) return report.positionInitialized === null ? null : CLEAR;
  if (score >= threshold) return CLEAR;
  return firing(
    rule,
    `${robotLabel(r)} localisation poor: score ${fmt(score)} (below ${fmt(threshold)})`,
    {
      value: score,
      threshold,
    },
    severityBelow(rule, score),
  );
};

/**
 * No state message for the threshold (seconds) while the robot is ONLINE and still heard from (visualization
 * arrives: not stale). Counted from the later of the last state and the robot coming online as the engine saw it.
 */
export const stateSilent: RobotCondition = (rule, { robot: r, report, onlineSince }, now) => {
  const heard = r.lastSeenAt !== null && now - r.lastSeenAt <= STALE_AFTER_MS && !r.stale;
  if (r.connection !== 'ONLINE' || !heard || onlineSince === null) return CLEAR;
  const since = Math.max(report?.at ?? onlineSince, onlineSince);
  const threshold = thresholdOf(rule);
  const silentSec = (now - since) / 1000;
  if (silentSec < threshold) return CLEAR;
  return firing(rule, `${robotLabel(r)} sends no state for ${Math.round(silentSec)} s while visualization arrives`, {
    value: Math.round(silentSec),
    threshold,
    since,
  });
};
