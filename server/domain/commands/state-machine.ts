// The command lifecycle as a pure transition table. Every status change the ledger makes goes through `transition`,
// so no code path can move a command backwards, out of a final status, or skip the robot's acknowledgement.
//
//   requested ─▶ queued ─▶ dispatched ─▶ acknowledged ─▶ running ─▶ succeeded | failed | cancelled
//       │          │           │              │
//       ▼          ▼           ▼              └─▶ succeeded | failed | cancelled (finished at first sighting)
//   rejected   expired     timed_out | failed (never left) | cancelled (superseded before acknowledgement)
//              cancelled
//              rejected (robot cannot take it at dispatch time)
import { isFinal, type CommandStatus } from './command';

export const TRANSITIONS: Readonly<Record<CommandStatus, readonly CommandStatus[]>> = {
  requested: ['queued', 'rejected'],
  queued: ['dispatched', 'expired', 'cancelled', 'rejected'],
  dispatched: ['acknowledged', 'timed_out', 'failed', 'cancelled'],
  acknowledged: ['running', 'succeeded', 'failed', 'cancelled', 'timed_out'],
  running: ['succeeded', 'failed', 'cancelled', 'timed_out'],
  succeeded: [],
  failed: [],
  cancelled: [],
  expired: [],
  timed_out: [],
  rejected: [],
};

export class IllegalTransitionError extends Error {
  override readonly name = 'IllegalTransitionError';
  constructor(
    readonly from: CommandStatus,
    readonly to: CommandStatus,
  ) {
    super(isFinal(from) ? `command is already ${from}; it cannot become ${to}` : `a command cannot go from ${from} to ${to}`);
  }
}

export function canTransition(from: CommandStatus, to: CommandStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** The next status, or an IllegalTransitionError. */
export function transition(from: CommandStatus, to: CommandStatus): CommandStatus {
  if (!canTransition(from, to)) throw new IllegalTransitionError(from, to);
  return to;
}

/**
 * The statuses to pass through to reach `target` from `from` along the lifecycle (the robot may report an action
 * already FINISHED in the first state that shows it: dispatched → acknowledged → succeeded). Empty when `from`
 * is already `target`; null when `target` cannot be reached (a stale or duplicate report, ignored by the ledger).
 */
export function pathTo(from: CommandStatus, target: CommandStatus): CommandStatus[] | null {
  if (from === target) return [];
  if (canTransition(from, target)) return [target];
  // Breadth-first over the (tiny) table: the shortest walk wins, so "running" is only recorded when reported.
  const seen = new Set<CommandStatus>([from]);
  let frontier: CommandStatus[][] = [[]];
  while (frontier.length > 0) {
    const next: CommandStatus[][] = [];
    for (const path of frontier) {
      const at = path.length === 0 ? from : path[path.length - 1]!;
      for (const to of TRANSITIONS[at]) {
        if (seen.has(to)) continue;
        const walk = [...path, to];
        if (to === target) return walk;
        // Never walk through a final status.
        if (!isFinal(to)) next.push(walk);
        seen.add(to);
      }
    }
    frontier = next;
  }
  return null;
}

/** Column holding the time a command entered this status (finished for every final status). */
export function timingColumn(s: CommandStatus): 'queuedAt' | 'dispatchedAt' | 'acknowledgedAt' | 'runningAt' | 'finishedAt' | null {
  switch (s) {
    case 'requested':
      return null;
    case 'queued':
      return 'queuedAt';
    case 'dispatched':
      return 'dispatchedAt';
    case 'acknowledged':
      return 'acknowledgedAt';
    case 'running':
      return 'runningAt';
    default:
      return 'finishedAt';
  }
}
