import { describe, expect, it } from 'vitest';
import { cancelEffect } from './cancel-effect';
import { aCommand } from './command-test-fixtures';

describe('cancelEffect', () => {
  it('says a queued command is dropped unsent', () => {
    expect(cancelEffect(aCommand({ status: 'queued' }))).toMatch(/not been sent .* dropped/);
  });

  it('says an order on its way is cancelled on the robot, which stops', () => {
    expect(cancelEffect(aCommand({ type: 'goTo', status: 'running', orderId: 'o-1' }))).toMatch(/cancelOrder.*stops where it is/);
  });

  it('warns that an instant action already sent cannot be recalled', () => {
    expect(cancelEffect(aCommand({ status: 'dispatched', actionId: 'a-1' }))).toMatch(/cannot be recalled/);
  });

  it('says both cases while the command is not loaded yet', () => {
    expect(cancelEffect(undefined)).toMatch(/dropped.*cancelled on the robot/);
  });
});
