import { describe, expect, it } from 'vitest';
import { DEFAULT_AGV_ACTIONS } from './action-ledger';
import { buildAgvState } from './agv-messages';
import { action, makeCtx, modelAt, order, run } from './agv-test-fixtures';
import { receiveInstantActions } from './instant-actions';
import { receiveOrder } from './order-accept';
import { HeaderSequence } from './vda-messages';
import type { VdaAction } from './vda-inbound';

const ctx = makeCtx();
const msg = (...actions: VdaAction[]) => ({ ...order('x', 0, ['dock-1']), actions });
const statusOf = (m: ReturnType<typeof modelAt>, id: string) => m.actions.find((a) => a.action.actionId === id);

describe('instant actions', () => {
  it('startPause stops motion until stopPause resumes it', () => {
    const m = modelAt('dock-1');
    receiveOrder(m, order('o1', 0, ['dock-1', 'n-002', 'n-026']), ctx);
    run(m, ctx, 3);
    receiveInstantActions(m, msg(action('p1', 'startPause')), ctx);
    expect(m.robot.paused).toBe(true);
    expect(statusOf(m, 'p1')?.status).toBe('FINISHED');
    const at = { ...m.robot.motion };
    run(m, ctx, 5);
    expect([m.robot.motion.x, m.robot.motion.y, m.robot.motion.speed]).toEqual([at.x, at.y, 0]);
    receiveInstantActions(m, msg(action('p2', 'stopPause')), ctx);
    expect(m.robot.paused).toBe(false);
    run(m, ctx, 2);
    expect(m.robot.motion.speed).toBeGreaterThan(0);
  });

  it('cancelOrder without an order fails with noOrderToCancel', () => {
    const m = modelAt('dock-1');
    receiveInstantActions(m, msg(action('c1', 'cancelOrder')), ctx);
    expect(statusOf(m, 'c1')?.status).toBe('FAILED');
    expect(m.errors).toMatchObject([{ errorType: 'noOrderToCancel', errorLevel: 'WARNING' }]);
  });

  it('startCharging works only at a charger and stopCharging ends it', () => {
    const away = modelAt('dock-1');
    receiveInstantActions(away, msg(action('s1', 'startCharging')), ctx);
    expect(statusOf(away, 's1')).toMatchObject({ status: 'FAILED', resultDescription: expect.stringContaining('charging station') });
    expect(away.robot.charging).toBe(false);

    const m = modelAt('chg-1');
    m.robot = { ...m.robot, battery: 50 };
    receiveInstantActions(m, msg(action('s2', 'startCharging')), ctx);
    expect(statusOf(m, 's2')?.status).toBe('FINISHED');
    expect(m.robot.charging).toBe(true);
    run(m, ctx, 12);
    expect(m.robot.battery).toBeGreaterThan(50.5);
    receiveInstantActions(m, msg(action('s3', 'stopCharging')), ctx);
    expect(m.robot.charging).toBe(false);
  });

  it('refuses an action type the robot does not support', () => {
    const noCharge = makeCtx({ agvActions: DEFAULT_AGV_ACTIONS.filter((a) => a.actionType !== 'startCharging') });
    const m = modelAt('chg-1');
    receiveInstantActions(m, msg(action('s1', 'startCharging')), noCharge);
    expect(statusOf(m, 's1')).toMatchObject({ status: 'FAILED', resultDescription: expect.stringContaining('not supported') });
    expect(m.robot.charging).toBe(false);
  });

  it('initPosition relocalises; stateRequest and factsheetRequest ask the I/O layer to publish', () => {
    const m = modelAt('dock-1');
    const params = [
      { key: 'x', value: 13.5 },
      { key: 'y', value: 6 },
      { key: 'theta', value: 0 },
      { key: 'mapId', value: ctx.planner.map.mapId },
      { key: 'lastNodeId', value: 'n-026' },
    ];
    receiveInstantActions(
      m,
      msg(action('i1', 'initPosition', 'HARD', params), action('r1', 'stateRequest', 'NONE'), action('r2', 'factsheetRequest', 'NONE')),
      ctx,
    );
    expect(m.robot.motion).toMatchObject({ x: 13.5, y: 6, theta: 0 });
    expect(m.robot.lastNodeId).toBe('n-026');
    expect(m.requests).toEqual({ state: true, factsheet: true });
    expect(m.actions.map((a) => a.status)).toEqual(['FINISHED', 'FINISHED', 'FINISHED']);
    receiveInstantActions(m, msg(action('i2', 'initPosition', 'HARD', [{ key: 'x', value: 'left' }])), ctx);
    expect(statusOf(m, 'i2')?.status).toBe('FAILED');
  });

  it('never executes the same actionId twice', () => {
    const m = modelAt('dock-1');
    const pause = msg(action('dup-1', 'startPause'));
    expect(receiveInstantActions(m, pause, ctx)).toEqual([]);
    receiveInstantActions(m, msg(action('dup-2', 'stopPause')), ctx);
    expect(receiveInstantActions(m, pause, ctx)).toEqual(['dup-1']);
    expect(m.robot.paused).toBe(false); // the resent pause did not run again
    expect(m.ledger.executions()).toEqual({ startPause: 1, stopPause: 1 });
    expect(m.actions.filter((a) => a.action.actionId === 'dup-1')).toHaveLength(1);
  });

  // Issue 12, chaos broker-kill: a stateRequest ran, its report was lost with the broker, and a go-to queued meanwhile
  // reached the robot before any resend; the robot dropped the finished action with the old order's states, so the
  // resends (ignored as repeats) were answered by states without it and the command timed out although it had run.
  it('keeps finished instant actions in actionStates across a new order, so a resend is answered with their status', () => {
    const m = modelAt('dock-1');
    const request = msg(action('sr-1', 'stateRequest', 'NONE'));
    receiveInstantActions(m, request, ctx);
    receiveInstantActions(m, msg(action('pz-1', 'startPause'), action('pz-2', 'stopPause')), ctx);
    const first = order('o1', 0, ['dock-1', 'n-002'], { actionsAt: { 'n-002': [action('pick-1', 'pick')] } });
    expect(receiveOrder(m, first, ctx)).toBe('accepted');
    run(m, ctx, 60, (x) => x.order?.done === true);
    expect(receiveOrder(m, order('o2', 0, ['n-002', 'n-026']), ctx)).toBe('accepted');

    expect(receiveInstantActions(m, request, ctx)).toEqual(['sr-1']); // a repeat: not run again
    expect(m.ledger.executions().stateRequest).toBe(1);
    const states = buildAgvState(new HeaderSequence('SimRobotics', 'T-1').next('state', new Date(0).toISOString()), m, ctx).actionStates;
    expect(states.map((a) => [a.actionId, a.actionStatus])).toEqual([
      ['sr-1', 'FINISHED'],
      ['pz-1', 'FINISHED'],
      ['pz-2', 'FINISHED'],
    ]); // the first order's pick is gone with its order
  });

  it('runs a supported action without special meaning for about a second', () => {
    const m = modelAt('dock-1');
    receiveInstantActions(
      m,
      msg(action('g1', 'detectObject', 'NONE')),
      makeCtx({ agvActions: [{ actionType: 'detectObject', actionScopes: ['INSTANT'] }] }),
    );
    expect(statusOf(m, 'g1')?.status).toBe('RUNNING');
    run(m, ctx, 1.2);
    expect(statusOf(m, 'g1')?.status).toBe('FINISHED');
  });
});
