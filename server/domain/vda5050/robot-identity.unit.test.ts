import { describe, expect, it } from 'vitest';
import { MAX_SERIAL_NUMBER_CHARS, robotIdentityProblem } from './robot-identity';

describe('robot identity bounds', () => {
  it('accepts VDA 5050 serial numbers and ordinary manufacturer names', () => {
    for (const [m, s] of [
      ['SimRobotics', 'SIM-001'],
      ['Acme Robotics GmbH', 'a_b.c:d-9'],
      ['Müller & Söhne', 'X'],
    ])
      expect(robotIdentityProblem(m!, s!)).toBeNull();
  });
  it('refuses overlong or odd serial numbers and manufacturers, saying why', () => {
    expect(robotIdentityProblem('Acme', 'S'.repeat(30_000))).toMatch(/1 to 128 characters \(got 30000\)/);
    expect(robotIdentityProblem('Acme', 'S'.repeat(MAX_SERIAL_NUMBER_CHARS))).toBeNull();
    expect(robotIdentityProblem('Acme', 'bad serial')).toMatch(/A-Z a-z 0-9/);
    expect(robotIdentityProblem('Acme', 'nul\u0000')).toMatch(/A-Z a-z 0-9/);
    expect(robotIdentityProblem('M'.repeat(65), 'S')).toMatch(/manufacturer must be/);
    expect(robotIdentityProblem('Ac\u0000me', 'S')).toMatch(/manufacturer may hold/);
  });
});
