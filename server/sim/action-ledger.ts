// Bookkeeping of actions: which actionIds were already seen (so none runs twice), how often each type was executed,
// and which action types this robot supports (what its factsheet advertises and what it accepts).
import type { ActionState, ActionStatus } from '../domain/vda5050/messages';
import type { ActionScope, BlockingType, VdaAction } from './vda-inbound';

export interface SupportedAction {
  actionType: string;
  actionScopes: ActionScope[];
}

export const DEFAULT_AGV_ACTIONS: SupportedAction[] = [
  { actionType: 'startPause', actionScopes: ['INSTANT'] },
  { actionType: 'stopPause', actionScopes: ['INSTANT'] },
  { actionType: 'cancelOrder', actionScopes: ['INSTANT'] },
  { actionType: 'startCharging', actionScopes: ['INSTANT', 'NODE'] },
  { actionType: 'stopCharging', actionScopes: ['INSTANT', 'NODE'] },
  { actionType: 'initPosition', actionScopes: ['INSTANT', 'NODE'] },
  { actionType: 'stateRequest', actionScopes: ['INSTANT'] },
  { actionType: 'factsheetRequest', actionScopes: ['INSTANT'] },
  { actionType: 'pick', actionScopes: ['NODE'] },
  { actionType: 'drop', actionScopes: ['NODE'] },
  { actionType: 'finePositioning', actionScopes: ['NODE'] },
  { actionType: 'detectObject', actionScopes: ['NODE'] },
];

export function supports(list: readonly SupportedAction[], actionType: string, scope: ActionScope): boolean {
  return list.some((a) => a.actionType === actionType && a.actionScopes.includes(scope));
}

/** An action the robot knows about: from an order (node/edge) or an instantActions message. */
export interface TrackedAction {
  action: VdaAction;
  scope: ActionScope;
  /** For node/edge actions: the sequenceId of the node or edge they belong to. */
  sequenceId: number;
  status: ActionStatus;
  /** Seconds until a RUNNING action finishes. */
  leftSec: number;
  resultDescription?: string;
}

export function track(action: VdaAction, scope: ActionScope, sequenceId = -1): TrackedAction {
  return { action, scope, sequenceId, status: 'WAITING', leftSec: 0 };
}

export function isFinal(status: ActionStatus): boolean {
  return status === 'FINISHED' || status === 'FAILED';
}

export function blocksDriving(a: TrackedAction): boolean {
  const blocking: BlockingType = a.action.blockingType;
  return blocking !== 'NONE' && (a.status === 'RUNNING' || a.status === 'INITIALIZING');
}

export function toActionState(a: TrackedAction): ActionState {
  return {
    actionId: a.action.actionId,
    actionType: a.action.actionType,
    ...(a.action.actionDescription !== undefined && { actionDescription: a.action.actionDescription }),
    actionStatus: a.status,
    ...(a.resultDescription !== undefined && { resultDescription: a.resultDescription }),
  };
}

const SEEN_LIMIT = 2000;

export class ActionLedger {
  private readonly seen = new Set<string>();
  private readonly order: string[] = [];
  private readonly counts: Record<string, number> = {};

  /** Remembers `actionId`; false when it was seen before (the action must not run again). */
  remember(actionId: string): boolean {
    if (this.seen.has(actionId)) return false;
    this.seen.add(actionId);
    this.order.push(actionId);
    // Bounded: the oldest ids are forgotten first, so memory stays flat on a long run.
    if (this.order.length > SEEN_LIMIT) this.seen.delete(this.order.shift()!);
    return true;
  }

  hasSeen(actionId: string): boolean {
    return this.seen.has(actionId);
  }

  /** Counts one execution of `kind` (an actionType, or 'order' for an accepted order or order update). */
  count(kind: string): void {
    this.counts[kind] = (this.counts[kind] ?? 0) + 1;
  }

  executions(): Record<string, number> {
    return { ...this.counts };
  }
}
