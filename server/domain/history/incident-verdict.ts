// The most likely reason a robot stopped, from the events around a moment and its status then (pure logic).
// The stop is the last stopping event at (or just after) `at`; if the robot was still driving, the first stop after
// it. Its cause is the strongest candidate in the minute before the stop that nothing undid since (a pause resumed,
// an error cleared, a connection back) and that agrees with the status the robot was left in.
import type { RobotStatus } from '../robot';
import type { HistoryEvent } from './history-event';
import type { IncidentVerdict, VerdictReason } from './incident-view';
import { commandOf, connectionTo, detailText, errorLevelOf } from './event-detail';

/** A cause may come this long before the stop. */
export const CAUSE_LOOKBACK_MS = 60_000;
/** Events this close after `at` still count as "at that moment" (clicks on a chart are not that precise). */
export const STOP_GRACE_MS = 2_000;

const STOP_COMMANDS = new Set(['pause', 'cancelOrder', 'charge']);

interface Candidate {
  reason: Exclude<VerdictReason, 'not_stopped' | 'unknown'>;
  event: HistoryEvent;
}

/** Strongest first. */
const PRIORITY: Candidate['reason'][] = [
  'command',
  'fault',
  'fatal_error',
  'offline',
  'stale',
  'order_failed',
  'order_finished',
  'charging',
  'robot_paused',
  'battery_low',
  'mode_changed',
  'error',
];

/** Causes that fit the status a robot was left in (any cause fits when the status is unknown). */
const FITS: Record<RobotStatus, Candidate['reason'][]> = {
  offline: ['offline', 'stale', 'fault'],
  error: ['fatal_error', 'fault'],
  paused: ['command', 'fault', 'robot_paused'],
  charging: ['command', 'charging', 'battery_low'],
  idle: ['command', 'order_finished', 'order_failed', 'fault', 'error', 'mode_changed', 'battery_low', 'stale'],
  driving: PRIORITY,
};

function candidateOf(e: HistoryEvent): Candidate | null {
  switch (e.kind) {
    case 'command_issued': {
      const type = commandOf(e).type;
      return type && STOP_COMMANDS.has(type) ? { reason: 'command', event: e } : null;
    }
    case 'fault_injected':
      return { reason: 'fault', event: e };
    case 'error_raised':
      return { reason: errorLevelOf(e) === 'FATAL' ? 'fatal_error' : 'error', event: e };
    case 'connection': {
      const to = connectionTo(e);
      return to && to !== 'ONLINE' ? { reason: 'offline', event: e } : null;
    }
    case 'stale':
      return { reason: 'stale', event: e };
    case 'order_failed':
      return { reason: 'order_failed', event: e };
    case 'order_finished':
      return { reason: 'order_finished', event: e };
    case 'charging_started':
      return { reason: 'charging', event: e };
    case 'battery_low':
      return { reason: 'battery_low', event: e };
    case 'paused':
      return { reason: 'robot_paused', event: e };
    case 'mode_changed':
      return detailText(e, 'to') === 'AUTOMATIC' ? null : { reason: 'mode_changed', event: e };
    default:
      return null;
  }
}

/** Whether `later` undoes `c` (so `c` no longer explains a stop after `later`). */
function undoes(later: HistoryEvent, c: Candidate): boolean {
  switch (c.reason) {
    case 'command': {
      const type = commandOf(c.event).type;
      if (type === 'pause') return later.kind === 'resumed' || (later.kind === 'command_issued' && commandOf(later).type === 'resume');
      if (type === 'charge') return later.kind === 'charging_stopped';
      return later.kind === 'order_accepted';
    }
    case 'robot_paused':
      return later.kind === 'resumed';
    case 'fault':
      return later.kind === 'fault_cleared' && sameText(later, c.event, 'fault', 'type', 'kind');
    case 'fatal_error':
    case 'error':
      return later.kind === 'error_cleared' && sameText(later, c.event, 'errorType', 'type');
    case 'offline':
    case 'stale':
      return (later.kind === 'connection' && connectionTo(later) === 'ONLINE') || later.kind === 'stale_cleared';
    case 'charging':
      return later.kind === 'charging_stopped';
    case 'battery_low':
      return later.kind === 'battery_recovered';
    case 'order_finished':
    case 'order_failed':
      return later.kind === 'order_accepted' || later.kind === 'driving_started';
    case 'mode_changed':
      return later.kind === 'mode_changed';
  }
}

function sameText(a: HistoryEvent, b: HistoryEvent, ...keys: string[]): boolean {
  const x = detailText(a, ...keys);
  const y = detailText(b, ...keys);
  return x === null || y === null || x === y;
}

/** Whether an event is the robot coming to a halt (or losing the means to move). */
export function isStop(e: HistoryEvent): boolean {
  if (e.kind === 'driving_stopped' || e.kind === 'paused' || e.kind === 'stale' || e.kind === 'order_finished') return true;
  if (e.kind === 'order_failed' || e.kind === 'charging_started') return true;
  if (e.kind === 'connection') return connectionTo(e) !== 'ONLINE';
  return e.kind === 'error_raised' && errorLevelOf(e) === 'FATAL';
}

/** Whether an event is the robot moving again (or able to): it undoes a stop as far as the status goes. */
function isGo(e: HistoryEvent): boolean {
  if (e.kind === 'driving_started' || e.kind === 'resumed' || e.kind === 'stale_cleared') return true;
  return e.kind === 'connection' && connectionTo(e) === 'ONLINE';
}

function statusAfterStop(e: HistoryEvent): RobotStatus {
  if (e.kind === 'paused') return 'paused';
  if (e.kind === 'connection' || e.kind === 'stale') return 'offline';
  if (e.kind === 'error_raised') return 'error';
  if (e.kind === 'charging_started') return 'charging';
  return 'idle';
}

/**
 * The robot's status at `at`: the sample's, unless the robot's events after that sample (up to `at`) say it stopped
 * since. History stores samples a slice at a time, so the latest stored sample may predate a pause of a second ago.
 */
export function effectiveStatus(input: {
  robotId: number;
  at: number;
  status: RobotStatus | null;
  /** When the status was sampled (null: unknown). */
  statusTs: number | null;
  events: readonly HistoryEvent[];
}): RobotStatus | null {
  const own = input.events.filter((e) => e.robotId === input.robotId && e.ts <= input.at).sort((a, b) => a.ts - b.ts);
  const stop = own.filter(isStop).at(-1);
  if (!stop || (input.statusTs !== null && stop.ts <= input.statusTs)) return input.status;
  if (own.some((e) => e.ts > stop.ts && isGo(e))) return input.status;
  return statusAfterStop(stop);
}

export interface VerdictInput {
  robotId: number;
  at: number;
  /** The robot's status at `at`; null when history holds nothing of it then. */
  status: RobotStatus | null;
  /** The window's events (the robot's and app-wide), any order. */
  events: readonly HistoryEvent[];
  /** Formats a time for the summary (the server's ISO time by default; the UI may re-render its own). */
  formatTime?: (ts: number) => string;
}

export function incidentVerdict(input: VerdictInput): IncidentVerdict {
  const fmt = input.formatTime ?? ((ts: number) => `${new Date(ts).toISOString().slice(11, 19)} UTC`);
  const events = [...input.events].filter((e) => e.robotId === input.robotId || e.robotId === null).sort((a, b) => a.ts - b.ts);
  const own = events.filter((e) => e.robotId === input.robotId);
  const stopAtOrBefore = own.filter((e) => e.ts <= input.at + STOP_GRACE_MS && isStop(e)).at(-1);
  const stopAfter = own.find((e) => e.ts > input.at && isStop(e));
  const driving = input.status === 'driving';
  const stop = driving ? stopAfter : (stopAtOrBefore ?? null);
  if (driving && !stop) return none('not_stopped', `Driving at ${fmt(input.at)}: it had not stopped at this moment`, 'high');
  const anchor = stop?.ts ?? input.at;
  const picked = pickCause(events, anchor, driving ? null : input.status);
  if (!picked) {
    const what = input.status ? `${input.status} at ${fmt(input.at)}` : `no history at ${fmt(input.at)}`;
    return { ...none('unknown', `No recorded cause: the robot was ${what}`, 'low'), stoppedAt: stop?.ts ?? null };
  }
  const v = describeCause(picked, fmt);
  return {
    reason: picked.reason,
    summary: driving ? `${v.summary}, ${Math.round((anchor - input.at) / 1000)} s after this moment` : v.summary,
    confidence: v.confidence,
    eventId: picked.event.id,
    stoppedAt: stop?.ts ?? picked.event.ts,
    user: v.user,
  };
}

function pickCause(events: readonly HistoryEvent[], anchor: number, status: RobotStatus | null): Candidate | null {
  const within = events.filter((e) => e.ts >= anchor - CAUSE_LOOKBACK_MS && e.ts <= anchor + STOP_GRACE_MS);
  const live: Candidate[] = [];
  within.forEach((e, i) => {
    const c = candidateOf(e);
    if (c && !within.slice(i + 1).some((later) => later.ts <= anchor + STOP_GRACE_MS && undoes(later, c))) live.push(c);
  });
  const fitting = status ? live.filter((c) => FITS[status].includes(c.reason)) : live;
  const pool = fitting.length > 0 ? fitting : live;
  let best: Candidate | null = null;
  for (const c of pool) {
    // Stronger reason wins; between equals, the latest (nearest the stop).
    if (!best || PRIORITY.indexOf(c.reason) <= PRIORITY.indexOf(best.reason)) best = c;
  }
  return best;
}

function describeCause(
  c: Candidate,
  fmt: (ts: number) => string,
): { summary: string; confidence: IncidentVerdict['confidence']; user: string | null } {
  const e = c.event;
  const t = fmt(e.ts);
  switch (c.reason) {
    case 'command': {
      const { type, user } = commandOf(e);
      const who = user ?? 'an unknown user';
      const what = type === 'pause' ? 'Paused' : type === 'cancelOrder' ? 'Order cancelled' : 'Sent to charge';
      return { summary: `${what} by ${who} (${type} command at ${t})`, confidence: 'high', user };
    }
    case 'fault':
      return { summary: `Injected fault at ${t}: ${e.summary}`, confidence: 'high', user: detailText(e, 'by', 'user', 'issuedBy') };
    case 'fatal_error':
      return {
        summary: `FATAL error ${detailText(e, 'errorType') ?? ''} at ${t}: ${detailText(e, 'errorDescription') ?? e.summary}`.replace(
          '  ',
          ' ',
        ),
        confidence: 'high',
        user: null,
      };
    case 'offline':
      return { summary: `Went ${connectionTo(e) ?? 'offline'} at ${t}${reasonOf(e)}`, confidence: 'high', user: null };
    case 'stale':
      return { summary: `Stopped reporting at ${t} (stale)`, confidence: 'medium', user: null };
    case 'order_failed':
      return { summary: `Order ${detailText(e, 'orderId') ?? ''} failed at ${t}`.replace('  ', ' '), confidence: 'high', user: null };
    case 'order_finished':
      return {
        summary: `Order ${detailText(e, 'orderId') ?? ''} finished at ${t}: nothing left to drive`.replace('  ', ' '),
        confidence: 'high',
        user: null,
      };
    case 'charging':
      return { summary: `Started charging at ${t}`, confidence: 'medium', user: null };
    case 'robot_paused':
      return { summary: `Paused on the robot at ${t} (no pause command from this app)`, confidence: 'medium', user: null };
    case 'battery_low':
      return { summary: `Battery low at ${t}`, confidence: 'low', user: null };
    case 'mode_changed':
      return { summary: `Operating mode changed to ${detailText(e, 'to') ?? '?'} at ${t}`, confidence: 'medium', user: null };
    case 'error':
      return { summary: `Error at ${t}: ${e.summary}`, confidence: 'low', user: null };
  }
}

function reasonOf(e: HistoryEvent): string {
  const r = detailText(e, 'reason');
  return r === 'silent' ? ' (went silent, no last will)' : r ? ` (${r})` : '';
}

function none(reason: VerdictReason, summary: string, confidence: IncidentVerdict['confidence']): IncidentVerdict {
  return { reason, summary, confidence, eventId: null, stoppedAt: null, user: null };
}
