import { describe, expect, it } from 'vitest';
import type { AlertSeverity } from '@/server/domain/alerts/alert';
import type { RobotView } from '@/server/domain/robot';
import { attentionRank, orderRobots, statusCounts } from './fleet-list-order';

function robot(id: number, over: Partial<RobotView> = {}): RobotView {
  return {
    id,
    manufacturer: 'm',
    serialNumber: `SIM-${String(id).padStart(4, '0')}`,
    name: '',
    connection: 'ONLINE',
    pose: null,
    speed: 0,
    battery: 50,
    charging: false,
    driving: false,
    paused: false,
    operatingMode: 'AUTOMATIC',
    errors: [],
    orderId: null,
    lastNodeId: null,
    lastSeenAt: 1_000,
    protocolVersion: '2.0.0',
    ...over,
  };
}

const fatal = [{ errorType: 'emergencyStop', errorLevel: 'FATAL' as const, errorReferences: [], errorDescription: '' }];
const noAlerts = () => null;
const serials = (rows: RobotView[]) => rows.map((r) => r.serialNumber);

describe('the fleet summary counts', () => {
  it('counts every robot once, by its display status', () => {
    const c = statusCounts([
      robot(1, { driving: true }),
      robot(2, { driving: true }),
      robot(3),
      robot(4, { connection: 'OFFLINE' }),
      robot(5, { errors: fatal }),
      robot(6, { charging: true }),
      robot(7, { paused: true }),
    ]);
    expect(c).toEqual({ total: 7, driving: 2, idle: 1, offline: 1, error: 1, charging: 1, paused: 1 });
  });

  it('counts nothing in an empty fleet', () => {
    expect(statusCounts([]).total).toBe(0);
  });
});

describe('the robot list order', () => {
  const fleet = [
    robot(1, { battery: 80 }),
    robot(2, { battery: 20 }),
    robot(3, { battery: null }),
    robot(4, { battery: 55 }),
    robot(10, { battery: 5 }),
  ];

  it('sorts by serial number the way people count (SIM-2 before SIM-10)', () => {
    const rows = orderRobots(
      [robot(10), robot(2), robot(1)].map((r) => ({ ...r, serialNumber: `SIM-${r.id}` })),
      { status: 'all', sort: 'serial', dir: 'asc' },
      noAlerts,
    ).rows;
    expect(serials(rows)).toEqual(['SIM-1', 'SIM-2', 'SIM-10']);
  });

  it('sorts by battery both ways, a robot without a reading last', () => {
    const asc = orderRobots(fleet, { status: 'all', sort: 'battery', dir: 'asc' }, noAlerts).rows.map((r) => r.battery);
    expect(asc).toEqual([5, 20, 55, 80, null]);
    const desc = orderRobots(fleet, { status: 'all', sort: 'battery', dir: 'desc' }, noAlerts).rows.map((r) => r.battery);
    expect(desc).toEqual([80, 55, 20, 5, null]);
  });

  it('sorts by last seen, the longest silence (or never heard from) first', () => {
    const rows = orderRobots(
      [robot(1, { lastSeenAt: 3_000 }), robot(2, { lastSeenAt: null }), robot(3, { lastSeenAt: 1_000 })],
      { status: 'all', sort: 'lastSeen', dir: 'asc' },
      noAlerts,
    ).rows;
    expect(rows.map((r) => r.id)).toEqual([2, 3, 1]);
  });

  it('sorts by status with the most urgent first and ties by serial number', () => {
    const rows = orderRobots(
      [robot(1, { driving: true }), robot(2, { paused: true }), robot(3), robot(4, { paused: true })],
      { status: 'all', sort: 'status', dir: 'asc' },
      noAlerts,
    ).rows;
    expect(rows.map((r) => r.id)).toEqual([2, 4, 3, 1]);
  });

  it('pins faulted robots (error, offline) above the chosen order, and says how many are pinned', () => {
    const { rows, pinned } = orderRobots(
      [robot(1, { battery: 10 }), robot(2, { battery: 90, connection: 'OFFLINE' }), robot(3, { battery: 95, errors: fatal })],
      { status: 'all', sort: 'battery', dir: 'asc' },
      noAlerts,
    );
    expect(rows.map((r) => r.id)).toEqual([2, 3, 1]);
    expect(pinned).toBe(2);
  });

  it('keeps a robot with a critical alert above faulted ones, and other alerts below them', () => {
    const alerts: Record<number, AlertSeverity> = { 1: 'warning', 4: 'critical' };
    const { rows, pinned } = orderRobots(
      [robot(1), robot(2, { connection: 'OFFLINE' }), robot(3), robot(4)],
      { status: 'all', sort: 'serial', dir: 'asc' },
      (id) => alerts[id] ?? null,
    );
    expect(rows.map((r) => r.id)).toEqual([4, 2, 1, 3]);
    expect(pinned).toBe(3);
    expect(attentionRank('error', 'warning')).toBe(attentionRank('offline', null));
  });

  it('filters by status and by the search', () => {
    const mixed = [robot(1, { paused: true }), robot(2), robot(3, { paused: true })];
    expect(orderRobots(mixed, { status: 'paused', sort: 'serial', dir: 'desc' }, noAlerts).rows.map((r) => r.id)).toEqual([3, 1]);
    expect(orderRobots(mixed, { status: 'all', sort: 'serial', dir: 'asc' }, noAlerts, (r) => r.id === 2).rows.map((r) => r.id)).toEqual([
      2,
    ]);
  });
});
