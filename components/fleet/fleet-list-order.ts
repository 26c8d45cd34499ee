// What the robot list shows and in which order: the summary counts, the status filter and the sort, with the
// robots that need attention pinned on top. Pure, so the rules are unit-tested.
import type { AlertSeverity } from '@/server/domain/alerts/alert';
import { robotStatus, type RobotStatus, type RobotView } from '@/server/domain/robot';
import type { FleetListParams, SortDir, SortKey } from './fleet-list-params';

/** Statuses that mean the robot cannot work (a FATAL error, or not connected): pinned to the top of the list. */
export const FAULTED: readonly RobotStatus[] = ['error', 'offline'];

/** Most urgent first: the order of a status sort and of the summary bar. */
export const STATUS_URGENCY: readonly RobotStatus[] = ['error', 'offline', 'paused', 'charging', 'idle', 'driving'];

export type StatusCounts = Record<RobotStatus, number> & { total: number };

export function statusCounts(robots: Iterable<RobotView>): StatusCounts {
  const c: StatusCounts = { total: 0, driving: 0, idle: 0, paused: 0, charging: 0, error: 0, offline: 0 };
  for (const r of robots) {
    c.total++;
    c[robotStatus(r)]++;
  }
  return c;
}

/**
 * How much a robot needs attention, highest first: a critical alert (4), faulted (3), a warning (2), an info alert
 * (1), nothing (0). Critical alerts stay above faulted robots so the alert centre's "listed first" still holds.
 */
export function attentionRank(status: RobotStatus, alert: AlertSeverity | null): number {
  const byAlert = alert === 'critical' ? 4 : alert === 'warning' ? 2 : alert === 'info' ? 1 : 0;
  return Math.max(byAlert, FAULTED.includes(status) ? 3 : 0);
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

type Keyed = { robot: RobotView; status: RobotStatus; rank: number };

/** Ascending comparator of one sort key; missing values (no battery reading) sort last in both directions. */
function compareBy(sort: SortKey, dir: SortDir): (a: Keyed, b: Keyed) => number {
  const sign = dir === 'asc' ? 1 : -1;
  switch (sort) {
    case 'serial':
      return (a, b) => sign * collator.compare(a.robot.serialNumber, b.robot.serialNumber);
    case 'status':
      return (a, b) => sign * (STATUS_URGENCY.indexOf(a.status) - STATUS_URGENCY.indexOf(b.status));
    case 'battery':
      return (a, b) => {
        const x = a.robot.battery;
        const y = b.robot.battery;
        if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
        return sign * (x - y);
      };
    case 'lastSeen':
      // Never heard from is the longest silence.
      return (a, b) => sign * ((a.robot.lastSeenAt ?? Number.NEGATIVE_INFINITY) - (b.robot.lastSeenAt ?? Number.NEGATIVE_INFINITY) || 0);
  }
}

export interface OrderedRobots {
  rows: RobotView[];
  /** How many of the first rows are pinned (they need attention). */
  pinned: number;
}

/**
 * The robots the list shows: those matching the status filter and the search, robots that need attention first
 * (most urgent first), then each group in the chosen order (ties by serial number, then id).
 */
export function orderRobots(
  robots: Iterable<RobotView>,
  params: Pick<FleetListParams, 'status' | 'sort' | 'dir'>,
  alertOf: (id: number) => AlertSeverity | null,
  matches: (r: RobotView) => boolean = () => true,
): OrderedRobots {
  const keyed: Keyed[] = [];
  for (const robot of robots) {
    const status = robotStatus(robot);
    if (params.status !== 'all' && status !== params.status) continue;
    if (!matches(robot)) continue;
    keyed.push({ robot, status, rank: attentionRank(status, alertOf(robot.id)) });
  }
  const chosen = compareBy(params.sort, params.dir);
  keyed.sort(
    (a, b) => b.rank - a.rank || chosen(a, b) || collator.compare(a.robot.serialNumber, b.robot.serialNumber) || a.robot.id - b.robot.id,
  );
  let pinned = 0;
  while (pinned < keyed.length && (keyed[pinned]?.rank ?? 0) > 0) pinned++;
  return { rows: keyed.map((k) => k.robot), pinned };
}
