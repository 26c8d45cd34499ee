import { describe, expect, it } from 'vitest';
import { createSchemaValidator } from '../protocol/schema-validator';
import { buildAgvFactsheet, buildAgvState } from './agv-messages';
import { action, makeCtx, modelAt, order, run } from './agv-test-fixtures';
import { receiveInstantActions } from './instant-actions';
import { receiveOrder } from './order-accept';
import { HeaderSequence } from './vda-messages';

const validator = createSchemaValidator();
const headers = new HeaderSequence('SimRobotics', 'T-1');
const h = (topic: 'state' | 'factsheet') => headers.next(topic, '2024-05-01T10:00:00.000Z');

describe('AGV state and factsheet messages', () => {
  it('validate against the official 2.0.0 schemas in autonomous and master mode', () => {
    const ctx = makeCtx({ autonomous: 'always' });
    const m = modelAt('dock-1');
    let checked = 0;
    const check = (): void => {
      expect(validator.validate('state', '2.0.0', buildAgvState(h('state'), m, ctx))).toEqual({ ok: true });
      checked++;
    };
    run(m, ctx, 60, () => (check(), false), 0.5); // own tasks
    receiveInstantActions(m, { ...order('x', 0, ['dock-1']), actions: [action('c1', 'cancelOrder'), action('c2', 'cancelOrder')] }, ctx);
    receiveOrder(m, order('o1', 0, [m.robot.lastNodeId]), ctx);
    m.eStop = 'MANUAL';
    m.batteryFault = true;
    check();
    expect(buildAgvState(h('state'), m, ctx)).toMatchObject({ safetyState: { eStop: 'MANUAL' }, driving: false });
    expect(checked).toBeGreaterThan(100);
  });

  it('advertises the configured actions in a schema-valid factsheet', () => {
    const ctx = makeCtx({ agvActions: [{ actionType: 'pick', actionScopes: ['NODE'] }] });
    const f = buildAgvFactsheet(h('factsheet'), ctx, 10);
    expect(validator.validate('factsheet', '2.0.0', f)).toEqual({ ok: true });
    expect(f.protocolFeatures.agvActions).toEqual([{ actionType: 'pick', actionScopes: ['NODE'] }]);
    expect(f.physicalParameters.speedMax).toBe(ctx.config.limits.maxSpeed);
  });
});
