// Builders for the predefined VDA 5050 2.0.0 instant actions (section 6.8), with the spec's field names.
// Each returns one Action; several can go in one instantActions message.
import { randomUUID } from 'node:crypto';
import type { Action, ActionParameter, BlockingType } from './messages';

export const INSTANT_ACTION_TYPES = [
  'startPause',
  'stopPause',
  'cancelOrder',
  'startCharging',
  'stopCharging',
  'initPosition',
  'stateRequest',
  'factsheetRequest',
] as const;
export type InstantActionType = (typeof INSTANT_ACTION_TYPES)[number];

export interface ActionOptions {
  /** Defaults to a new UUID (the spec suggests UUIDs); pass one to make a resend or a test deterministic. */
  actionId?: string;
  blockingType?: BlockingType;
  actionDescription?: string;
}

/**
 * Blocking types the spec's action table implies: pausing, charging and relocalising stop everything else;
 * cancelling and the reporting requests run alongside.
 */
export const DEFAULT_BLOCKING: Record<InstantActionType, BlockingType> = {
  startPause: 'HARD',
  stopPause: 'HARD',
  cancelOrder: 'NONE',
  startCharging: 'HARD',
  stopCharging: 'HARD',
  initPosition: 'HARD',
  stateRequest: 'NONE',
  factsheetRequest: 'NONE',
};

export function instantAction(actionType: InstantActionType | string, parameters: ActionParameter[] = [], o: ActionOptions = {}): Action {
  const blockingType = o.blockingType ?? DEFAULT_BLOCKING[actionType as InstantActionType] ?? 'NONE';
  return {
    actionType,
    actionId: o.actionId ?? randomUUID(),
    blockingType,
    ...(o.actionDescription !== undefined && { actionDescription: o.actionDescription }),
    ...(parameters.length > 0 && { actionParameters: parameters }),
  };
}

export const startPause = (o?: ActionOptions) => instantAction('startPause', [], o);
export const stopPause = (o?: ActionOptions) => instantAction('stopPause', [], o);
export const cancelOrder = (o?: ActionOptions) => instantAction('cancelOrder', [], o);
export const startCharging = (o?: ActionOptions) => instantAction('startCharging', [], o);
export const stopCharging = (o?: ActionOptions) => instantAction('stopCharging', [], o);
export const stateRequest = (o?: ActionOptions) => instantAction('stateRequest', [], o);
export const factsheetRequest = (o?: ActionOptions) => instantAction('factsheetRequest', [], o);

export interface InitPositionParams {
  x: number;
  y: number;
  theta: number;
  mapId: string;
  lastNodeId: string;
}

/** Resets the robot's pose: parameters x, y, theta, mapId and lastNodeId, as the spec names them. */
export function initPosition(p: InitPositionParams, o?: ActionOptions): Action {
  if (![p.x, p.y, p.theta].every(Number.isFinite)) throw new RangeError('initPosition needs finite x, y and theta');
  return instantAction(
    'initPosition',
    [
      { key: 'x', value: p.x },
      { key: 'y', value: p.y },
      { key: 'theta', value: p.theta },
      { key: 'mapId', value: p.mapId },
      { key: 'lastNodeId', value: p.lastNodeId },
    ],
    o,
  );
}
