import { describe, expect, it } from 'vitest';
import { parseRobotIdParam } from './robot-id-param';

describe('the robot id in /robots/[id]', () => {
  it('accepts the decimal ids the app links to', () => {
    expect(parseRobotIdParam('7')).toBe(7);
    expect(parseRobotIdParam('2147483647')).toBe(2_147_483_647);
  });

  it('names no robot for anything else', () => {
    for (const raw of ['abc', '0', '-3', '1.5', '007', '1e3', ' 7', '2147483648', '99999999999'])
      expect(parseRobotIdParam(raw), raw).toBeNull();
  });
});
