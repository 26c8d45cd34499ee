import { describe, expect, it } from 'vitest';
import { eventCategory, type HistoryEvent, type HistoryEventKind } from './history-event';
import { effectiveStatus, incidentVerdict } from './incident-verdict';

const T = Date.UTC(2026, 0, 1, 14, 2, 0);
let n = 0;
function ev(kind: HistoryEventKind, dtSec: number, detail: Record<string, unknown> = {}, robotId: number | null = 7): HistoryEvent {
  n += 1;
  return { id: `r:${n}`, robotId, ts: T + dtSec * 1000, kind, category: eventCategory(kind)!, level: 'info', summary: kind, detail };
}
const pause = (dt: number, by = 'ops@example.com') => ev('command_issued', dt, { type: 'pause', issuedBy: by, commandId: 'c1' });

describe('incidentVerdict', () => {
  it('names the user whose pause command stopped the robot', () => {
    const events = [ev('order_accepted', -100, { orderId: 'o1' }), pause(-3), ev('paused', -2), ev('driving_stopped', -2)];
    const v = incidentVerdict({ robotId: 7, at: T, status: 'paused', events });
    expect(v.reason).toBe('command');
    expect(v.user).toBe('ops@example.com');
    expect(v.summary).toMatch(/^Paused by ops@example.com \(pause command at 14:01:57 UTC\)/);
    expect(v.eventId).toBe(events[1]!.id);
    expect(v.confidence).toBe('high');
    expect(v.stoppedAt).toBe(T - 2000);
  });

  it('a pause resumed since no longer explains a later stop: the finished order does', () => {
    const events = [
      pause(-50),
      ev('paused', -49),
      ev('resumed', -30),
      ev('order_finished', -5, { orderId: 'o9' }),
      ev('driving_stopped', -5),
    ];
    const v = incidentVerdict({ robotId: 7, at: T, status: 'idle', events });
    expect(v.reason).toBe('order_finished');
    expect(v.summary).toContain('Order o9 finished');
  });

  it('a FATAL error beats a warning and says its type and text', () => {
    const events = [
      ev('error_raised', -8, { errorType: 'wheelSlip', errorLevel: 'WARNING', errorDescription: 'slip' }),
      ev('error_raised', -4, { errorType: 'motorFault', errorLevel: 'FATAL', errorDescription: 'drive motor overheated' }),
      ev('driving_stopped', -4),
    ];
    const v = incidentVerdict({ robotId: 7, at: T, status: 'error', events });
    expect(v.reason).toBe('fatal_error');
    expect(v.summary).toContain('motorFault');
    expect(v.summary).toContain('drive motor overheated');
  });

  it('a cleared error is no cause', () => {
    const events = [
      ev('error_raised', -20, { errorType: 'motorFault', errorLevel: 'FATAL' }),
      ev('error_cleared', -10, { errorType: 'motorFault', errorLevel: 'FATAL' }),
      ev('connection', -2, { from: 'ONLINE', to: 'CONNECTIONBROKEN' }),
    ];
    const v = incidentVerdict({ robotId: 7, at: T, status: 'offline', events });
    expect(v.reason).toBe('offline');
    expect(v.summary).toContain('CONNECTIONBROKEN');
  });

  it('an injected fault is the root of the offline it caused; an app-wide fault counts too', () => {
    const events = [
      ev('fault_injected', -6, { kind: 'disconnect' }, null),
      ev('connection', -5, { from: 'ONLINE', to: 'OFFLINE', reason: 'silent' }),
    ];
    const v = incidentVerdict({ robotId: 7, at: T, status: 'offline', events });
    expect(v.reason).toBe('fault');
  });

  it('picks causes that fit the status it was left in', () => {
    // Charging at the moment: a low battery then charging, not the warning before.
    const events = [
      ev('error_raised', -30, { errorType: 'x', errorLevel: 'WARNING' }),
      ev('battery_low', -20),
      ev('charging_started', -10),
    ];
    const v = incidentVerdict({ robotId: 7, at: T, status: 'charging', events });
    expect(v.reason).toBe('charging');
  });

  it('another robot’s events are ignored', () => {
    const v = incidentVerdict({
      robotId: 7,
      at: T,
      status: 'paused',
      events: [ev('command_issued', -3, { type: 'pause', issuedBy: 'x' }, 8), ev('paused', -2)],
    });
    expect(v.reason).toBe('robot_paused');
    expect(v.user).toBeNull();
  });

  it('a robot still driving at the moment: not stopped, unless it stopped just after', () => {
    expect(incidentVerdict({ robotId: 7, at: T, status: 'driving', events: [] }).reason).toBe('not_stopped');
    const v = incidentVerdict({ robotId: 7, at: T, status: 'driving', events: [pause(5, 'ana'), ev('paused', 6)] });
    expect(v.reason).toBe('command');
    expect(v.user).toBe('ana');
    expect(v.summary).toMatch(/6 s after this moment$/);
  });

  it('with nothing recorded it says what it knows, with low confidence', () => {
    const v = incidentVerdict({ robotId: 7, at: T, status: 'idle', events: [ev('driving_stopped', -1)] });
    expect(v).toMatchObject({ reason: 'unknown', confidence: 'low', stoppedAt: T - 1000 });
    expect(incidentVerdict({ robotId: 7, at: T, status: null, events: [] }).summary).toContain('no history');
  });

  it('a cause older than the look-back does not count', () => {
    const v = incidentVerdict({ robotId: 7, at: T, status: 'paused', events: [pause(-200), ev('paused', -1)] });
    expect(v.reason).toBe('robot_paused');
  });
});

describe('effectiveStatus', () => {
  it('keeps the sample’s status unless a stop came after the sample and nothing undid it', () => {
    const base = { robotId: 7, at: T, status: 'driving' as const, statusTs: T - 20_000 };
    expect(effectiveStatus({ ...base, events: [] })).toBe('driving');
    expect(effectiveStatus({ ...base, events: [ev('paused', -30)] })).toBe('driving');
    expect(effectiveStatus({ ...base, events: [pause(-3), ev('paused', -2)] })).toBe('paused');
    expect(effectiveStatus({ ...base, events: [ev('paused', -10), ev('resumed', -5)] })).toBe('driving');
    expect(effectiveStatus({ ...base, events: [ev('connection', -1, { to: 'OFFLINE' })] })).toBe('offline');
    expect(effectiveStatus({ ...base, events: [ev('order_finished', -1, { orderId: 'o' })] })).toBe('idle');
    expect(effectiveStatus({ ...base, events: [ev('paused', 1)] }), 'after the moment').toBe('driving');
    expect(effectiveStatus({ ...base, events: [ev('paused', -2, {}, 8)] }), 'another robot').toBe('driving');
  });
});
