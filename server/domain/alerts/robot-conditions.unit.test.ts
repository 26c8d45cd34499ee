import { describe, expect, it } from 'vitest';
import type { RobotView } from '../robot';
import { newRobotView } from '../robot-merge';
import { commandFailed, nextCommandOutcome } from './command-outcome';
import type { RobotFacts, StateReport } from './robot-facts';
import { batteryLow, emergencyStop, errorLasting, fatalError, localizationLow, offline, stateSilent } from './robot-conditions';
import { defaultRule } from './rule-catalogue';
import type { CommandView } from '../commands/command';

const T = 1_800_000_000_000;
const robot = (over: Partial<RobotView> = {}): RobotView => ({
  ...newRobotView(7, 'sim', 'SIM-0007'),
  connection: 'ONLINE',
  lastSeenAt: T,
  battery: 80,
  ...over,
});
const facts = (r: Partial<RobotView> = {}, over: Partial<RobotFacts> = {}): RobotFacts => ({
  robot: robot(r),
  report: null,
  onlineSince: T,
  motion: null,
  charge: null,
  traffic: null,
  command: null,
  livenessLimitMs: 30_000,
  ...over,
});
const report = (over: Partial<StateReport> = {}): StateReport => ({
  at: T,
  eStop: 'NONE',
  localizationScore: null,
  positionInitialized: true,
  ...over,
});

describe('battery low', () => {
  const rule = defaultRule('robot.battery_low');
  it('is unknown without a battery, clear above the threshold or while charging', () => {
    expect(batteryLow(rule, facts({ battery: null }), T)).toBeNull();
    expect(batteryLow(rule, facts({ battery: 20 }), T)).toEqual({ active: false });
    expect(batteryLow(rule, facts({ battery: 5, charging: true }), T)).toEqual({ active: false });
  });
  it('warns below the threshold and is critical below the critical one', () => {
    const warn = batteryLow(rule, facts({ battery: 15 }), T);
    expect(warn).toMatchObject({ active: true, severity: 'warning', title: 'SIM-0007 battery at 15 % (below 20 %)' });
    expect(warn).toMatchObject({ detail: { value: 15, threshold: 20, criticalThreshold: 10 } });
    expect(batteryLow(rule, facts({ battery: 9.5 }), T)).toMatchObject({
      severity: 'critical',
      title: 'SIM-0007 battery at 9.5 % (below 10 %)',
    });
  });
  it('falls back to the shipped threshold when an admin cleared it', () => {
    expect(batteryLow({ ...rule, threshold: null }, facts({ battery: 19 }), T)).toMatchObject({ active: true });
  });
});

describe('offline', () => {
  const rule = defaultRule('robot.offline');
  it('says nothing of a robot never heard from since the start', () => {
    expect(offline(rule, facts({ connection: 'OFFLINE', lastSeenAt: null }), T)).toBeNull();
  });
  it('fires on OFFLINE, CONNECTIONBROKEN, or silence past the liveness limit', () => {
    expect(offline(rule, facts({ connection: 'CONNECTIONBROKEN' }), T + 12_000)).toMatchObject({
      active: true,
      title: 'SIM-0007 connection broken: last heard 12 s ago',
    });
    expect(offline(rule, facts({ connection: 'OFFLINE' }), T)).toMatchObject({ active: true });
    expect(offline(rule, facts(), T + 29_000)).toEqual({ active: false });
    expect(offline(rule, facts(), T + 30_000)).toMatchObject({ active: true, title: 'SIM-0007 silent: last heard 30 s ago' });
  });
});

describe('emergency stop and errors', () => {
  const eStopRule = defaultRule('robot.emergency_stop');
  it('fires on safetyState.eStop, or an emergencyStop error, critical', () => {
    expect(emergencyStop(eStopRule, facts({}, { report: report() }), T)).toEqual({ active: false });
    expect(emergencyStop(eStopRule, facts({}, { report: report({ eStop: 'MANUAL' }) }), T)).toMatchObject({
      active: true,
      severity: 'critical',
      title: 'SIM-0007 emergency stop (MANUAL)',
    });
    const err = { errorType: 'emergencyStop', errorLevel: 'FATAL' as const, errorDescription: 'pressed' };
    expect(emergencyStop(eStopRule, facts({ errors: [err] }), T)).toMatchObject({
      active: true,
      detail: { error: 'emergencyStop: pressed' },
    });
  });
  it('keeps what the robot last said while it is offline', () => {
    const f = facts({ connection: 'CONNECTIONBROKEN' }, { report: report({ eStop: 'REMOTE' }) });
    expect(emergencyStop(eStopRule, f, T)).toMatchObject({ active: true });
  });
  it('FATAL errors fire the fatal rule; the others the lasting-error rule', () => {
    const fatal = { errorType: 'laserContaminated', errorLevel: 'FATAL' as const };
    const warning = { errorType: 'obstacleDetected', errorLevel: 'WARNING' as const, errorDescription: 'x'.repeat(500) };
    expect(fatalError(defaultRule('robot.fatal_error'), facts({ errors: [fatal, warning] }), T)).toMatchObject({
      active: true,
      severity: 'critical',
      title: 'SIM-0007 FATAL error laserContaminated',
    });
    expect(fatalError(defaultRule('robot.fatal_error'), facts({ errors: [warning] }), T)).toEqual({ active: false });
    const lasting = errorLasting(defaultRule('robot.error_lasting'), facts({ errors: [fatal, warning, warning] }), T);
    expect(lasting).toMatchObject({ active: true, severity: 'warning' });
    const title = lasting?.active ? lasting.title : '';
    expect(title.length).toBeLessThan(200);
    expect(title).toMatch(/\(\+1 more\)$/);
    expect(errorLasting(defaultRule('robot.error_lasting'), facts({ errors: [fatal] }), T)).toEqual({ active: false });
  });
});

describe('localisation', () => {
  const rule = defaultRule('robot.localization_low');
  it('is unknown before a state message, and fires on a low score or an uninitialised position', () => {
    expect(localizationLow(rule, facts(), T)).toBeNull();
    expect(localizationLow(rule, facts({}, { report: report() }), T)).toEqual({ active: false });
    expect(localizationLow(rule, facts({}, { report: report({ localizationScore: 0.8 }) }), T)).toEqual({ active: false });
    expect(localizationLow(rule, facts({}, { report: report({ localizationScore: 0.32 }) }), T)).toMatchObject({
      active: true,
      title: 'SIM-0007 localisation poor: score 0.3 (below 0.5)',
    });
    expect(localizationLow(rule, facts({}, { report: report({ positionInitialized: false }) }), T)).toMatchObject({
      active: true,
      title: 'SIM-0007 position not initialised',
    });
  });
});

describe('state messages stopped', () => {
  const rule = defaultRule('robot.state_silent');
  const heardAt = (now: number) => ({ lastSeenAt: now - 100 });
  it('fires after the threshold without state while visualization still arrives', () => {
    const now = T + 61_000;
    expect(stateSilent(rule, facts(heardAt(now), { report: report() }), now)).toMatchObject({
      active: true,
      title: 'SIM-0007 sends no state for 61 s while visualization arrives',
    });
    expect(stateSilent(rule, facts(heardAt(T + 59_000), { report: report() }), T + 59_000)).toEqual({ active: false });
  });
  it('stays clear for a robot silent altogether, stale or offline (the offline rule covers it)', () => {
    const now = T + 61_000;
    expect(stateSilent(rule, facts({ lastSeenAt: now - 5_000 }, { report: report() }), now)).toEqual({ active: false });
    expect(stateSilent(rule, facts({ ...heardAt(now), stale: true }, { report: report() }), now)).toEqual({ active: false });
    expect(stateSilent(rule, facts({ ...heardAt(now), connection: 'OFFLINE' }, { report: report() }), now)).toEqual({ active: false });
  });
  it('counts from the robot coming online when its last state is older, or when none came yet', () => {
    const now = T + 61_000;
    expect(stateSilent(rule, facts(heardAt(now), { report: report({ at: T - 600_000 }), onlineSince: T + 30_000 }), now)).toEqual({
      active: false,
    });
    expect(stateSilent(rule, facts(heardAt(now), { report: null, onlineSince: T }), now)).toMatchObject({ active: true });
  });
});

describe('command failed', () => {
  const rule = defaultRule('command.failed');
  // Only the fields the outcome reads; the rest of a CommandView does not matter here.
  const c = (over: Partial<CommandView>) =>
    ({
      id: 'c1',
      robotId: 7,
      type: 'goTo',
      status: 'running',
      finishedAt: null,
      updatedAt: T,
      outcome: null,
      traceId: 'ab',
      ...over,
    }) as CommandView;
  it('follows the latest finished command: a failure fires, a later success clears, older news is ignored', () => {
    let o = nextCommandOutcome(null, c({ status: 'running' }));
    expect(o).toBeNull();
    expect(commandFailed(rule, facts({}, { command: o }), T)).toBeNull();
    o = nextCommandOutcome(o, c({ status: 'timed_out', finishedAt: T, outcome: 'no answer in 30 s' }));
    expect(commandFailed(rule, facts({}, { command: o }), T)).toMatchObject({
      active: true,
      title: 'SIM-0007 command goTo timed out: no answer in 30 s',
      traceId: 'ab',
    });
    expect(nextCommandOutcome(o, c({ id: 'c0', status: 'succeeded', finishedAt: T - 1 }))).toBe(o);
    expect(nextCommandOutcome(o, c({ id: 'c2', status: 'cancelled', finishedAt: T + 1 }))).toBe(o);
    o = nextCommandOutcome(o, c({ id: 'c3', status: 'succeeded', finishedAt: T + 2 }));
    expect(commandFailed(rule, facts({}, { command: o }), T)).toEqual({ active: false });
  });
});
