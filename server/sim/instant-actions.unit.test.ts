import { describe, expect, it } from 'vitest';
import { DEFAULT_AGV_ACTIONS } from './action-ledger';
import { action, makeCtx, modelAt, order, run } from './agv-test-fixtures';
import { receiveInstantActions } from './instant-actions';
import { receiveOrder } from './order-accept';
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
    receiveInstantActions(m, msg(action('i1', 'initPosition', 'HARD', params), action('r1', 'stateRequest', 'NONE'), action('r2', 'factsheetRequest', 'NONE')), ctx);
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

  it('runs a supported action without special meaning for about a second', () => {
    const m = modelAt('dock-1');
    receiveInstantActions(m, msg(action('g1', 'detectObject', 'NONE')), makeCtx({ agvActions: [{ actionType: 'detectObject', actionScopes: ['INSTANT'] }] }));
    expect(statusOf(m, 'g1')?.status).toBe('RUNNING');
    run(m, ctx, 1.2);
    expect(statusOf(m, 'g1')?.status).toBe('FINISHED');
  });
});
