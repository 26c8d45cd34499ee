import { describe, expect, it } from 'vitest';
import { stateMessage } from '../domain/testing/fixtures';
import { createSchemaValidator } from './schema-validator';

describe('schema validator', () => {
  it('refuses numbers JSON cannot hold: 1e999 parses to Infinity and must not pass as a number', () => {
    const v = createSchemaValidator();
    const agvPosition = { x: 1, y: 2, theta: 0.5, mapId: 'm', positionInitialized: true };
    expect(v.validate('state', '2.0.0', stateMessage({ agvPosition }))).toEqual({ ok: true });
    const text = JSON.stringify(stateMessage({ agvPosition })).replace('"y":2', '"y":1e999');
    const parsed = JSON.parse(text) as { agvPosition: { y: number } };
    expect(parsed.agvPosition.y).toBe(Infinity);
    expect(v.validate('state', '2.0.0', parsed)).toMatchObject({ ok: false, errors: [{ path: '/agvPosition/y' }] });
    expect(v.validate('state', '2.0.0', stateMessage({ agvPosition: { ...agvPosition, x: Number.NaN } })).ok).toBe(false);
  });
});
