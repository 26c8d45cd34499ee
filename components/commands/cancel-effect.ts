// What cancelling a command will do, for its confirmation (pure): mirrors the ledger's cancel (a queued command is
// dropped; an order on its way is cancelled on the robot; an instant action already sent cannot be recalled).
import type { CommandView } from '@/server/domain/commands/command';

export function cancelEffect(c: Pick<CommandView, 'status' | 'orderId'> | undefined): string {
  if (!c) return 'If it has not been sent yet it is dropped; an order already on its way is cancelled on the robot.';
  if (c.status === 'requested' || c.status === 'queued') return 'It has not been sent to the robot yet: it is dropped from the queue.';
  if (c.orderId !== null)
    return 'The robot is told to cancel the order (cancelOrder): it stops where it is and drops the rest of the route.';
  return 'It was already sent as an instant action, which cannot be recalled: the server will refuse. Send the opposite command instead (e.g. resume after pause).';
}
